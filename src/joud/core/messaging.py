"""Sending SMS and email through pluggable backends.

Settings ``JOUD_SMS_BACKEND`` and ``JOUD_EMAIL_BACKEND`` name a class with
``send(*, channel, to, subject, body, html_body)``. The default ``OutboxBackend`` stores each
message in ``OutboxMessage`` for the developer outbox page (/dev/outbox/); production plugs a real
SMS gateway and SMTP here.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

from joud.core.models import OutboxMessage

logger = logging.getLogger(__name__)
SMTP_MAILER = "smtp"  # the MAILERS alias joud.settings.hardened builds from EMAIL_URL


class OutboxBackend:
    def send(self, *, channel: str, to: str, subject: str = "", body: str, html_body: str = ""):
        OutboxMessage.objects.create(
            channel=channel, to=to, subject=subject[:255], body=body, html_body=html_body
        )
        logger.info("outbox %s to %s: %s", channel, to, subject or body[:60])


class SmtpEmailBackend:
    """Real email through the "smtp" mailer (configured from EMAIL_URL by the production profile)."""

    def send(self, *, channel: str, to: str, subject: str = "", body: str, html_body: str = ""):
        msg = EmailMultiAlternatives(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [to],
        )
        if html_body:
            msg.attach_alternative(html_body, "text/html")
        msg.send(using=SMTP_MAILER)


def _backend(setting: str):
    return import_string(getattr(settings, setting))()


def send_sms(*, to: str, body: str) -> None:
    _backend("JOUD_SMS_BACKEND").send(channel="sms", to=to, body=body)


def send_email(*, to: str, subject: str, body: str, html_body: str = "") -> None:
    _backend("JOUD_EMAIL_BACKEND").send(
        channel="email", to=to, subject=subject, body=body, html_body=html_body
    )


class DjangoEmailToOutbox(BaseEmailBackend):
    """Django's EMAIL_BACKEND (used by allauth) routed through the Joud email backend."""

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            for recipient in message.recipients():
                send_email(to=recipient, subject=message.subject, body=message.body, html_body=html)
                sent += 1
        return sent
