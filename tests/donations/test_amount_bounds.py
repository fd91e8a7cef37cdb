"""Amounts typed by people and sent by gateways are bounded: a form error, never a 500 or a row."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from joud.core.money import parse_amount
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, Refund
from joud.ledger.models import Transaction
from joud.payments.models import WebhookEvent
from tests.donations.factories import deliver, event_body, make_donation, pay, post_webhook
from tests.factories import MembershipFactory
from tests.fixtures.signin import login_with_totp

HOSTILE = [
    "1e13",
    "1e26",
    "1e99",
    "1e12",
    "1E5",
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "-0",
    "-5",
    "+5",
    "9" * 16,
    "0x10",
    "5.5.5",
    "١e١٣",
    "1000000.001",
]


def _give(client, initiative, amount):
    form = {"preset": "", "custom_amount": amount, "gift_language": "ar"}
    return client.post(f"/give/{initiative.public_code}/", form)


@pytest.mark.django_db
@pytest.mark.parametrize("amount", HOSTILE)
def test_a_hostile_amount_is_a_form_error_and_saves_nothing(client, initiative, amount):
    response = _give(client, initiative, amount)
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode() or "is-invalid" in (
        response.content.decode()
    )
    with scopes_disabled():
        assert not Donation.objects.exists()


@pytest.mark.django_db
def test_the_maximum_is_configured_and_explained_in_arabic(client, initiative, settings):
    settings.JOUD_MAX_DONATION = "500"
    response = _give(client, initiative, "500.001")
    assert response.status_code == 200
    html = response.content.decode()
    assert "أكبر مبلغ مقبول" in html
    with scopes_disabled():
        assert not Donation.objects.exists()
    assert _give(client, initiative, "500").status_code == 302
    with scopes_disabled():
        assert Donation.objects.get().amount == Decimal("500.000")


@pytest.mark.parametrize("amount", HOSTILE)
def test_the_one_parser_refuses_them(amount):
    with pytest.raises(ValidationError):
        parse_amount(amount)


def test_the_one_parser_reads_what_people_type():
    assert parse_amount("٥٫٥") == Decimal("5.500")
    assert parse_amount("5,5") == Decimal("5.500")
    assert parse_amount("OMR 2.250") == Decimal("2.250")
    assert parse_amount("1000000") == Decimal("1000000.000")
    assert parse_amount("2000", maximum=Decimal(10**9), money=False) == Decimal("2000.000")


@pytest.mark.django_db
@pytest.mark.parametrize("cash", ["1e25", "NaN", "9" * 20, "-0", "1000000001"])
def test_the_zakat_calculator_answers_a_huge_field_with_a_form_error(client, cash):
    response = client.post("/give/zakat/calculator/", {"cash": cash, "nisab_basis": "gold"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode() or "invalid-feedback" in (
        response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["1e30", "1e12", "NaN", "-1", "30.0001"])
def test_a_hostile_refund_is_a_form_error(client, initiative, amount):
    user = MembershipFactory(organization=initiative.organization, role="finance").user
    login_with_totp(client, user)
    donation, attempt = make_donation(initiative=initiative, amount="30.000")
    pay(attempt)
    response = client.post(
        f"/ledger/org/refund/{donation.reference}/", {"amount": amount, "reason": "asked"}
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not Refund.objects.exists()
        assert not Transaction.objects.filter(kind="refund").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1e30", "invalid payload"),
        ("not a number", "invalid payload"),
        ("NaN", "invalid payload"),
        ("1e14", "invalid amount"),
        ("-5", "invalid amount"),
    ],
)
def test_a_signed_webhook_with_a_hostile_amount_is_refused_cleanly(
    client, initiative, amount, reason
):
    donation, attempt = make_donation(initiative=initiative)
    response = post_webhook(client, event_body(attempt, amount=amount))
    assert response.status_code == 400
    assert response.json() == {"error": reason}
    with scopes_disabled():
        assert not WebhookEvent.objects.exists()
        donation.refresh_from_db()
        assert donation.state == Donation.State.PENDING
        assert not Transaction.objects.exists()


@pytest.mark.django_db
def test_webhook_answers_do_not_echo_the_parsers_text(initiative):
    _donation, attempt = make_donation(initiative=initiative)
    status, body = deliver(b"{not json")
    assert (status, body) == (400, {"error": "invalid payload"})
    broken = json.loads(event_body(attempt))
    del broken["data"]["reference"]
    status, body = deliver(json.dumps(broken).encode())
    assert (status, body) == (400, {"error": "invalid payload"})
