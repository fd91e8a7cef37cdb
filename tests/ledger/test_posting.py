"""Posting many gifts at once writes what posting them one by one writes, and the reads that
reconciliation makes of what the ledger booked through a gateway."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.ledger import accounts
from joud.ledger.models import Account, Entry, Transaction
from joud.ledger.selectors import donations_booked_for, donations_booked_on, initiative_raised
from joud.ledger.services import (
    DonationPosting,
    ledger_fold,
    ledger_post_donation,
    ledger_post_donations,
    ledger_seal,
)
from joud.ledger.verify import ledger_verify

D = Decimal


def _lines(reference: str) -> list[tuple]:
    rows = Entry.objects.filter(transaction__reference=reference).order_by("id")
    return [(e.account_id, e.kind, e.debit, e.credit) for e in rows]


@pytest.mark.django_db
def test_bulk_posting_writes_the_same_lines_as_one_by_one(initiative):
    fund = accounts.initiative_account(initiative)
    org = initiative.organization_id
    gift = {"amount": D("10.000"), "admin_share": D("0.200"), "fee": D("0.150")}
    ledger_post_donation(
        organization_id=org, reference="ONE-P1", provider="sandbox", fund_account_id=fund.pk, **gift
    )
    when = timezone.now() - dt.timedelta(days=400)
    txns = ledger_post_donations(
        [
            DonationPosting(org, "BULK-P1", "sandbox", fund.pk, created_at=when, **gift),
            DonationPosting(org, "BULK-P2", "thawani", fund.pk, D("5.000"), D("0"), D("0")),
        ]
    )
    assert [t.reference for t in txns] == ["BULK-P1", "BULK-P2"]
    assert _lines("BULK-P1") == _lines("ONE-P1")
    assert Transaction.objects.get(reference="BULK-P1").created_at == when
    assert Account.objects.filter(code="platform:clearing:thawani").exists()
    assert len(_lines("BULK-P2")) == 2  # no share, no fee: gross only
    ledger_seal()
    ledger_fold()
    assert initiative_raised(initiative) == D("25.000")
    assert ledger_verify().ok


@pytest.mark.django_db
def test_what_the_ledger_booked_through_a_gateway(initiative):
    fund = accounts.initiative_account(initiative)
    org = initiative.organization_id
    yesterday = timezone.now() - dt.timedelta(days=1)
    ledger_post_donations(
        [
            DonationPosting(org, "A-P1", "sandbox", fund.pk, D("10"), D("0.2"), D("0.15")),
            DonationPosting(org, "B-P1", "sandbox", fund.pk, D("7"), D("0"), D("0"), yesterday),
            DonationPosting(org, "C-P1", "stripe", fund.pk, D("3"), D("0"), D("0")),
        ]
    )
    today = timezone.localdate()
    booked = donations_booked_on("sandbox", today)
    assert list(booked) == ["A-P1"]
    assert (booked["A-P1"].amount, booked["A-P1"].fee) == (D("10.000"), D("0.150"))
    assert set(donations_booked_for("sandbox", ["B-P1", "C-P1"])) == {"B-P1"}
    assert donations_booked_for("sandbox", []) == {}
