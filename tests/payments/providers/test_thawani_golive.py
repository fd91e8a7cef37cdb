"""Thawani's go-live checklist: customer fields, a numerical client reference, the signing key
reading, ``payment_intent`` events, the freshness window, the gateway's limits."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import checks

from joud.core.errors import BusinessError
from joud.payments.providers.thawani import checkout, signing
from tests.payments.providers.conftest import THAWANI_SECRET, THAWANI_WEBHOOK_SECRET, load
from tests.payments.providers.test_thawani import REFS, _body, _deliver, _start, _state


def _attempt(amount="10.000", **donor):
    donation = SimpleNamespace(
        **{"donor_name": "", "donor_phone": "", "donor_email": "", "is_anonymous": False, **donor}
    )
    return SimpleNamespace(
        reference="JD-7F3K2Q-P12", amount=Decimal(amount), currency="OMR", donation=donation
    )


def test_the_client_reference_is_numerical_and_maps_back():
    body = checkout.session_request(_attempt(), url="https://joud.example/t/")
    number = body["client_reference_id"]
    assert number.isdigit()
    assert checkout.attempt_reference({"client_reference_id": number}) == "JD-7F3K2Q-P12"
    # the readable reference in the metadata is read first
    assert checkout.attempt_reference(body) == "JD-7F3K2Q-P12"


def test_the_client_reference_as_it_is_when_configured(settings):
    settings.JOUD_THAWANI_CLIENT_REFERENCE = "reference"
    body = checkout.session_request(_attempt(), url="https://joud.example/t/")
    assert body["client_reference_id"] == "JD-7F3K2Q-P12"


def test_a_named_donor_is_sent_as_the_customer():
    attempt = _attempt(donor_name="Aisha", donor_phone="+96899000001", donor_email="a@x.om")
    metadata = checkout.session_request(attempt, url="https://joud.example/t/")["metadata"]
    assert metadata["Customer name"] == "Aisha"
    assert metadata["Contact number"] == "+96899000001" and metadata["Email"] == "a@x.om"


def test_an_anonymous_donor_sends_the_placeholders(settings):
    attempt = _attempt(
        donor_name="Aisha", donor_phone="+96899000001", donor_email="a@x.om", is_anonymous=True
    )
    metadata = checkout.customer_metadata(attempt.donation)
    assert metadata == {
        "Customer name": "Anonymous donor",
        "Contact number": "not given",
        "Email": "not given",
    }
    settings.JOUD_THAWANI_SEND_ANONYMOUS_CONTACT = True
    settings.JOUD_THAWANI_ANONYMOUS_NAME = "فاعل خير"
    metadata = checkout.customer_metadata(attempt.donation)
    assert metadata["Customer name"] == "فاعل خير"  # the name never leaves for an anonymous gift
    assert metadata["Contact number"] == "+96899000001" and metadata["Email"] == "a@x.om"


def test_product_name_and_amount_within_thawanis_limits():
    body = checkout.session_request(_attempt(), url="https://joud.example/t/")
    assert all(len(p["name"]) <= checkout.PRODUCT_NAME_MAX for p in body["products"])
    assert body["products"][0]["unit_amount"] == 10000
    for amount in ("0.099", "5000000.001"):
        with pytest.raises(BusinessError) as info:
            checkout.session_request(_attempt(amount), url="https://joud.example/t/")
        assert info.value.code == "amount"
    assert checkout.session_request(_attempt("0.100"), url="x")["products"][0]["unit_amount"] == 100


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reading", "accepted"),
    [("webhook_secret", False), ("secret_key", True), ("either", True)],
)
def test_the_signing_key_reading_is_a_setting(initiative, cassette, settings, reading, accepted):
    """A webhook signed with the API secret key (the other reading of the sources)."""
    settings.JOUD_THAWANI_SIGNING_KEY = reading
    donation, _attempt_, _ = _start(initiative, cassette)
    if accepted:
        with cassette("thawani_payments_paid"):
            assert _deliver(_body(), secret=THAWANI_SECRET)[1] == {"status": "confirm"}
        assert _state(donation) == ("confirmed", ["confirmed"])
    else:
        assert _deliver(_body(), secret=THAWANI_SECRET)[1] == {"error": "bad signature"}
        assert _state(donation) == ("pending", ["created"])


def test_startup_check_says_which_key_signs_the_sample(settings, tmp_path):
    body = '{"event_type":"checkout.completed","data":{}}'
    sample = tmp_path / "thawani-sample.json"
    settings.JOUD_THAWANI_WEBHOOK_SAMPLE = str(sample)

    def errors(secret):
        headers = signing.sign(body.encode(), secret, 1764148800)
        sample.write_text(json.dumps({"body": body, "headers": headers}))
        return [e.msg for e in checks.run_checks(tags=["payments"])]

    assert errors(THAWANI_WEBHOOK_SECRET) == []
    assert errors(THAWANI_SECRET) == [
        "Thawani's sample webhook is signed with the secret key: set "
        "JOUD_THAWANI_SIGNING_KEY=secret_key."
    ]
    (message,) = errors("a-key-from-another-environment")
    assert message.startswith("Neither JOUD_THAWANI_WEBHOOK_SECRET nor JOUD_THAWANI_SECRET_KEY")
    settings.JOUD_THAWANI_SIGNING_KEY = "either"
    assert errors(THAWANI_SECRET) == []
    settings.JOUD_PAYMENT_PROVIDERS = ["sandbox"]
    assert errors("a-key-from-another-environment") == []  # thawani not enabled


@pytest.mark.django_db
def test_the_freshness_window_is_a_setting(initiative, cassette, settings):
    donation, _attempt_, _ = _start(initiative, cassette)
    late = time.time() - 500  # a retry Thawani sent late: inside the default 600 seconds
    settings.JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS = 300
    assert _deliver(_body(), timestamp=late)[1] == {"error": "stale timestamp"}
    settings.JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS = 600
    with cassette("thawani_payments_paid"):
        assert _deliver(_body(), timestamp=late)[1] == {"status": "confirm"}


@pytest.mark.django_db
def test_a_payment_event_with_only_a_payment_intent(engine, initiative, cassette):
    donation, _attempt_, _ = _start(initiative, cassette)
    with cassette("thawani_payment_intent", **REFS):
        body = json.dumps(load("thawani_event_payment_by_intent")).encode()
        assert _deliver(body)[1] == {"status": "confirm"}
    assert _state(donation) == ("confirmed", ["confirmed"])
