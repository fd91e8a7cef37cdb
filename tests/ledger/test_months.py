"""The ledger's monthly rollup per account and entry kind: what the sealer adds equals what the
entries say, sealed or not, across Oman's month boundary; ledger_verify catches a rollup that
differs; the public statement reads it and keeps its figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum

from joud.ledger import accounts
from joud.ledger.models import AccountMonth, Entry, Transaction
from joud.ledger.months import month_rows, recomputed, stored
from joud.ledger.services import ledger_seal
from joud.ledger.verify import ledger_verify
from joud.transparency.public_money import statement, timeline_now
from tests.donations.factories import deliver, event_body, make_donation

MUSCAT = ZoneInfo("Asia/Muscat")


def _give(initiative, amount, n=1):
    for _ in range(n):
        _d, attempt = make_donation(initiative=initiative, amount=amount)
        assert deliver(event_body(attempt))[1]["status"] == "confirm"


def _sums_by_kind(account_id) -> dict[str, tuple[Decimal, Decimal]]:
    """Every entry of the account, summed the slow way."""
    rows = (
        Entry.objects.filter(account_id=account_id)
        .values("kind")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    )
    return {r["kind"]: (r["d"], r["c"]) for r in rows}


def _rolled_by_kind(account_id) -> dict[str, tuple[Decimal, Decimal]]:
    out: dict[str, tuple[Decimal, Decimal]] = {}
    for (_a, _m, kind), m in month_rows([account_id]).items():
        d, c = out.get(kind, (Decimal(0), Decimal(0)))
        out[kind] = (d + m.debit, c + m.credit)
    return out


@pytest.mark.django_db
def test_sealed_rollup_plus_unsealed_tail_equals_every_entry(initiative):
    account = accounts.initiative_account(initiative)
    _give(initiative, "7.250", n=3)
    assert AccountMonth.objects.count() == 0  # nothing sealed yet: all of it is the tail
    assert _rolled_by_kind(account.pk) == _sums_by_kind(account.pk)

    assert ledger_seal() == 3
    assert AccountMonth.objects.filter(account_id=account.pk).exists()
    _give(initiative, "2.000", n=2)  # two more, unsealed
    assert _rolled_by_kind(account.pk) == _sums_by_kind(account.pk)
    gross = AccountMonth.objects.get(account_id=account.pk, kind=Entry.Kind.GROSS)
    assert (gross.credit, gross.entries) == (Decimal("21.750"), 3)  # only the sealed three

    ledger_seal()
    assert _rolled_by_kind(account.pk) == _sums_by_kind(account.pk)
    assert recomputed() == stored()
    assert ledger_verify().ok


@pytest.mark.django_db
def test_a_gift_at_one_in_the_morning_in_muscat_counts_in_the_new_month(initiative):
    """30 November 21:30 UTC is 1 December 01:30 in Oman: the rollup and the tail both put it in
    December, as the statement's chart does."""
    account = accounts.initiative_account(initiative)
    general = accounts.organization_account(initiative.organization_id, "general")
    at = dt.datetime(2026, 11, 30, 21, 30, tzinfo=dt.UTC)
    txn = Transaction.objects.create(
        kind=Transaction.Kind.TRANSFER, reference="T-MONTH", created_at=at
    )
    Entry.objects.create(transaction=txn, account=general, kind="transfer", debit=Decimal("4"))
    Entry.objects.create(transaction=txn, account=account, kind="transfer", credit=Decimal("4"))
    before = month_rows([account.pk])
    ledger_seal()
    after = month_rows([account.pk])
    assert list(before) == list(after) == [(account.pk, dt.date(2026, 12, 1), "transfer")]
    assert after == before
    assert after[(account.pk, dt.date(2026, 12, 1), "transfer")].first_credit_at == at
    assert ledger_verify().ok


@pytest.mark.django_db
def test_verify_reports_a_rollup_that_differs_from_the_entries(initiative):
    _give(initiative, "5.000", n=2)
    ledger_seal()
    assert ledger_verify().ok
    AccountMonth.objects.filter(kind=Entry.Kind.GROSS).update(credit=Decimal("999.000"))
    report = ledger_verify()
    assert not report.ok
    assert any("monthly rollup differs" in p for p in report.problems)


@pytest.mark.django_db
def test_the_statement_and_timeline_read_the_same_before_and_after_sealing(initiative):
    _give(initiative, "10.000", n=2)
    before, steps_before = statement(initiative=initiative), timeline_now(initiative)
    ledger_seal()
    after, steps_after = statement(initiative=initiative), timeline_now(initiative)
    assert after.totals == before.totals
    assert after.totals.given == Decimal("20.000")
    assert after.months == before.months
    assert steps_after == steps_before
    collected = steps_after[0]
    today = dt.datetime.now(MUSCAT).date()
    assert collected.done and collected.date == today
