"""The sandbox gateway knows the platform only by its webhook URL: its in-process delivery is
the POST a gateway would make, handed to the view that serves ``payments:webhook``."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import resolve, reverse

from joud.core.tenancy import scopes_disabled
from joud.donations import webhooks
from joud.donations.models import PaymentAttempt
from joud.payments.models import WebhookEvent
from joud.payments.providers.sandbox import tasks
from joud.payments.providers.sandbox.signing import sign
from tests.donations.factories import apply_accepted, event_body, make_donation


def test_the_webhook_url_is_served_by_donations():
    path = reverse("payments:webhook", args=["sandbox"])
    assert path == "/pay/webhooks/sandbox/"
    assert resolve(path).func is webhooks.webhook


@pytest.mark.django_db
def test_in_process_delivery_applies_a_signed_event(initiative):
    _donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    assert tasks._deliver(body, sign(body, settings.JOUD_SANDBOX_WEBHOOK_SECRET)) == 200
    assert apply_accepted(body) == "confirm"
    with scopes_disabled():
        attempt.refresh_from_db()
    assert attempt.state == PaymentAttempt.State.CONFIRMED
    assert WebhookEvent.objects.filter(reference=attempt.reference).count() == 1


@pytest.mark.django_db
def test_in_process_delivery_still_checks_the_signature(initiative):
    _donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    assert tasks._deliver(body, sign(body, "not-the-secret")) == 400
    assert not WebhookEvent.objects.exists()
