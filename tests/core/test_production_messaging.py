"""Production's email: Joud's SMTP backend sends through the "smtp" mailer built from EMAIL_URL."""

from __future__ import annotations

import pytest
from django.core import mail

from joud.core.messaging import send_email

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
pytestmark = pytest.mark.django_db  # every message is recorded (MessageDelivery)


def test_the_smtp_backend_sends_through_the_smtp_mailer(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "joud.core.messaging.DjangoEmailToOutbox"},
        "smtp": {"BACKEND": LOCMEM},  # stands in for the SMTP server EMAIL_URL names
    }
    settings.JOUD_EMAIL_BACKEND = "joud.core.messaging.SmtpEmailBackend"
    settings.DEFAULT_FROM_EMAIL = "Joud <no-reply@joud.example.om>"
    send_email(to="donor@example.om", subject="إيصال", body="شكراً", html_body="<p>شكراً</p>")
    (sent,) = mail.outbox
    assert sent.to == ["donor@example.om"]
    assert sent.from_email == "Joud <no-reply@joud.example.om>"
    assert sent.subject == "إيصال"
    assert sent.alternatives[0].content == "<p>شكراً</p>"
