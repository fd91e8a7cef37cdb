"""A payment is booked once, whatever code tries: the database refuses a second donation posting
of the same reference (``ledger_one_donation_posting``), on PostgreSQL and on SQLite."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from joud.ledger import accounts
from joud.ledger.models import Entry, RaisedDelta, Transaction
from joud.ledger.selectors import initiative_raised
from joud.ledger.services import ledger_fold, ledger_post_donation, ledger_post_reversal
from joud.ledger.verify import ledger_verify

D = Decimal


def _books() -> tuple:
    return (
        list(Transaction.objects.values_list("kind", "reference")),
        list(Entry.objects.values_list("transaction_id", "account_id", "kind", "debit", "credit")),
        list(RaisedDelta.objects.values_list("account_id", "raised", "donations")),
    )


def _post(fund, reference="JD-AAAAA-P1"):
    return ledger_post_donation(
        organization_id=fund.organization_id,
        reference=reference,
        provider="sandbox",
        fund_account_id=fund.pk,
        amount=D("10.000"),
        admin_share=D("0.200"),
        fee=D("0.150"),
    )


@pytest.mark.sqlite
@pytest.mark.django_db
def test_posting_the_same_payment_twice_fails_and_leaves_the_books_unchanged(initiative):
    fund = accounts.initiative_account(initiative)
    _post(fund)
    before = _books()
    with pytest.raises(IntegrityError), transaction.atomic():
        _post(fund)
    assert _books() == before
    ledger_fold()
    assert initiative_raised(initiative) == D("10.000")
    assert ledger_verify().ok


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_raw_sql_insert_of_a_second_posting_fails(initiative):
    fund = accounts.initiative_account(initiative)
    _post(fund)
    before = _books()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO ledger_transaction (kind, organization_id, reference, memo, created_at,"
            " prev_hash, hash) VALUES ('donation', %s, 'JD-AAAAA-P1', '', %s, '', '')",
            [initiative.organization_id, timezone.now()],
        )
    assert _books() == before


@pytest.mark.sqlite
@pytest.mark.django_db
def test_reversals_and_other_payments_are_not_blocked(initiative):
    """Refunds and chargebacks of the payment, other payments of the same gift, and spending
    with a repeated reference still post: only the donation kind is unique per reference."""
    fund = accounts.initiative_account(initiative)
    _post(fund)
    _post(fund, reference="JD-AAAAA-P2")
    for kind, reference in (("refund", "JD-AAAAA-R1"), ("chargeback", "JD-AAAAA-C1")):
        ledger_post_reversal(
            kind=kind,
            organization_id=fund.organization_id,
            reference=reference,
            provider="sandbox",
            fund_account_id=fund.pk,
            amount=D("1.000"),
            admin_share_back=D("0.020"),
            closes_donation=False,
        )
    # A reversal may even reuse the payment's own reference: it is not a donation posting.
    ledger_post_reversal(
        kind="refund",
        organization_id=fund.organization_id,
        reference="JD-AAAAA-P1",
        provider="sandbox",
        fund_account_id=fund.pk,
        amount=D("1.000"),
        admin_share_back=D("0"),
        closes_donation=False,
    )
    assert Transaction.objects.filter(reference__startswith="JD-AAAAA").count() == 5
    ledger_fold()
    assert initiative_raised(initiative) == D("17.000")
    assert ledger_verify().ok
