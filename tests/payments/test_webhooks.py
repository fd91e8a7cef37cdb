"""Payments' half of a webhook (find the provider, bound the body, verify) and the helpers the
gateway adapters share."""

from __future__ import annotations

import pytest

from joud.core.errors import BusinessError
from joud.payments.base import WebhookRejected
from joud.payments.models import WebhookEvent
from joud.payments.providers.common import (
    absolute_url,
    already_recorded,
    gateway_unavailable,
    header,
    replay_event,
)
from joud.payments.webhooks import MAX_BODY, InProcessRequest, verified_event


def test_an_unknown_provider_is_refused_with_404():
    with pytest.raises(WebhookRejected) as caught:
        verified_event("nobody", InProcessRequest(body=b"{}"))
    assert (caught.value.status, caught.value.reason) == (404, "unknown provider")


def test_an_oversized_body_is_refused_with_413_before_any_parsing():
    with pytest.raises(WebhookRejected) as caught:
        verified_event("sandbox", InProcessRequest(body=b"x" * (MAX_BODY + 1)))
    assert (caught.value.status, caught.value.reason) == (413, "too large")


def test_an_unsigned_event_is_refused_with_400():
    with pytest.raises(WebhookRejected) as caught:
        verified_event("sandbox", InProcessRequest(body=b"{}"))
    assert caught.value.status == 400


def test_header_reads_plain_dicts_whatever_the_case():
    assert header({"stripe-signature": "t=1"}, "Stripe-Signature") == "t=1"
    assert header({"Stripe-Signature": "t=2"}, "Stripe-Signature") == "t=2"
    assert header({}, "Stripe-Signature") == ""


def test_absolute_url_keeps_absolute_urls_and_completes_paths(settings):
    settings.SITE_URL = "https://joud.example/"
    assert absolute_url("/give/thanks/JD-1/") == "https://joud.example/give/thanks/JD-1/"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"


def test_gateway_unavailable_is_a_business_error():
    error = gateway_unavailable()
    assert isinstance(error, BusinessError) and error.code == "gateway"


@pytest.mark.django_db
def test_already_recorded_knows_only_events_received_before():
    assert not already_recorded("stripe", "evt_1")
    WebhookEvent.objects.create(
        provider="stripe", event_id="evt_1", event_type="x", reference="", body="{}"
    )
    assert already_recorded("stripe", "evt_1")
    assert not already_recorded("thawani", "evt_1")
    assert not already_recorded("stripe", "")
    replay = replay_event("stripe", "evt_1", "{}")
    assert (replay.type, replay.event_id, replay.raw_body) == ("replay", "evt_1", "{}")
