"""Refunds (full and partial) and chargebacks: through the provider, into the ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.errors import BusinessError
from joud.core.models import OutboxMessage
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Chargeback
from joud.donations.services import donation_refund
from joud.ledger import accounts
from joud.ledger.models import Transaction
from joud.ledger.selectors import initiative_raised, initiative_totals
from joud.ledger.services import account_balance, ledger_fold, ledger_seal
from joud.ledger.verify import ledger_verify
from tests.donations.factories import (
    deliver,
    event_body,
    general_fund_holds,
    make_donation,
    pay,
)


def _paid(initiative, amount):
    donation, attempt = make_donation(initiative=initiative, amount=amount)
    pay(attempt)
    with scopes_disabled():
        donation.refresh_from_db()
    return donation, attempt


@pytest.mark.django_db
def test_partial_then_full_refund(initiative):
    general = general_fund_holds(initiative.organization, "5.000")  # it pays the gateway fee
    donation, attempt = _paid(initiative, "50.000")  # admin share 2% = 1.000
    admin = accounts.organization_account(initiative.organization, "admin")
    assert account_balance(admin) == Decimal("1.000")
    with scopes_disabled():
        first = donation_refund(donation=donation, amount=Decimal("20.000"), reason="asked")
    assert first.reference == f"{donation.reference}-R1" and first.state == "done"
    donation.refresh_from_db()
    assert donation.state == "partially_refunded" and donation.refunded_amount == Decimal("20")
    assert initiative_raised(initiative) == Decimal("30.000")
    assert account_balance(admin) == Decimal("0.600")  # 2% of what is kept
    with scopes_disabled():
        attempt.refresh_from_db()
    assert attempt.fee > 0
    fee_on_first = quantize(attempt.fee * 20 / 50)
    assert account_balance(general) == Decimal("5.000") - fee_on_first
    with scopes_disabled():
        with pytest.raises(BusinessError):
            donation_refund(donation=donation, amount=Decimal("30.001"))
        second = donation_refund(donation=donation)  # the rest
        donation.refresh_from_db()
        assert donation.derived_state() == "refunded"
    assert second.reference.endswith("-R2") and second.amount == Decimal("30.000")
    assert donation.state == "refunded"
    assert initiative_raised(initiative) == Decimal("0.000")
    assert account_balance(admin) == Decimal("0.000")
    # The whole gateway fee ends as the general fund's expense; the initiative holds nothing.
    assert account_balance(general) == Decimal("5.000") - attempt.fee
    assert account_balance(accounts.initiative_account(initiative)) == Decimal("0.000")
    ledger_fold()
    assert initiative_totals(initiative) == (Decimal("0.000"), 0)
    ledger_seal()
    assert ledger_verify().ok
    assert Transaction.objects.filter(kind="refund").count() == 2


@pytest.mark.django_db
def test_unpaid_donation_cannot_be_refunded(initiative):
    donation, _ = make_donation(initiative=initiative)
    with scopes_disabled(), pytest.raises(BusinessError):
        donation_refund(donation=donation)


@pytest.mark.django_db
def test_chargeback_from_the_gateway_is_recorded_once(initiative):
    donation, attempt = _paid(initiative, "10.000")
    body = event_body(attempt, "chargeback.opened", event_id="evt_cb_1")
    assert deliver(body)[1]["status"] == "chargeback"
    assert deliver(body)[1]["status"] == "duplicate"
    with scopes_disabled():
        assert Chargeback.objects.count() == 1
        donation.refresh_from_db()
    assert donation.state == "refunded"
    assert initiative_raised(initiative) == Decimal("0.000")
    ledger_seal()
    assert ledger_verify().ok


@pytest.mark.django_db
def test_donor_is_told_with_the_cancellation_receipt_link(
    client, initiative, django_capture_on_commit_callbacks
):
    donation, attempt = make_donation(
        initiative=initiative, amount="9.000", donor_phone="+96899887766"
    )
    pay(attempt)
    general_fund_holds(initiative.organization, "1.000")  # it pays the gateway fee
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        refund = donation_refund(donation=donation, amount=Decimal("3.000"))
    message = OutboxMessage.objects.filter(to="+96899887766").order_by("-id").first()
    path = f"/receipts/refund/{refund.reference}/pdf/?t={donation.access_token}"
    assert path in message.body
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answered", "booked", "state"),
    [
        ("3.000", "3.000", "review"),  # the gateway refunded less than asked
        (None, "4.000", "review"),  # it did not say: booked as asked, but a person checks
        ("4.000", "4.000", "done"),
    ],
)
def test_the_books_follow_what_the_gateway_refunded(
    initiative, monkeypatch, django_capture_on_commit_callbacks, answered, booked, state
):
    from joud.payments.base import RefundResult
    from joud.payments.providers.sandbox.provider import SandboxProvider

    general_fund_holds(initiative.organization, "5.000")
    donation, attempt = make_donation(
        initiative=initiative, amount="10.000", donor_phone="+96899887701"
    )
    pay(attempt)
    monkeypatch.setattr(
        SandboxProvider,
        "refund",
        lambda self, refund: RefundResult(
            status="done",
            provider_reference="sbxr_x",
            amount=None if answered is None else Decimal(answered),
        ),
    )
    before = OutboxMessage.objects.filter(to="+96899887701").count()
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        refund = donation_refund(donation=donation, amount=Decimal("4.000"))
        donation.refresh_from_db()
    assert refund.state == state and refund.amount == Decimal(booked)
    assert refund.requested_amount == Decimal("4.000")
    assert donation.refunded_amount == Decimal(booked)
    assert initiative_raised(initiative) == Decimal("10.000") - Decimal(booked)
    # A held refund tells the donor nothing yet (finance staff check it first).
    told = OutboxMessage.objects.filter(to="+96899887701").count() - before
    assert told == (1 if state == "done" else 0)
    ledger_seal()
    assert ledger_verify().ok
