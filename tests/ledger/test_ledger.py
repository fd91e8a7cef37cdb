"""The ledger: append-only (code and database), sealed chain, tamper detection, ring-fencing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from joud.core.errors import BusinessError
from joud.ledger import accounts
from joud.ledger.models import AccountTotal, AppendOnlyError, Entry, RaisedDelta, Transaction
from joud.ledger.selectors import initiative_raised, initiative_totals
from joud.ledger.services import Purpose, ledger_disburse, ledger_fold, ledger_seal, ledger_transfer
from joud.ledger.verify import ledger_verify
from tests.donations.factories import deliver, event_body, make_donation
from tests.factories import InitiativeFactory


def _give(initiative, amount, n=1):
    for _ in range(n):
        _d, attempt = make_donation(initiative=initiative, amount=amount)
        assert deliver(event_body(attempt))[1]["status"] == "confirm"


@pytest.mark.django_db
def test_entries_refuse_update_and_delete_in_code_and_in_the_database(initiative):
    _give(initiative, "5.000")
    entry = Entry.objects.first()
    entry.credit = Decimal("1.000")
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Transaction.objects.first().delete()
    for sql in (
        "UPDATE ledger_entry SET credit = credit + 1",
        "DELETE FROM ledger_entry",
        "DELETE FROM ledger_transaction",
        "UPDATE ledger_transaction SET memo = 'x'",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    ledger_seal()
    # a sealed transaction cannot be re-sealed
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_transaction SET seq = seq + 100, hash = 'x'")


@pytest.mark.django_db
def test_sealing_chains_in_order_and_verify_passes(initiative):
    _give(initiative, "3.250", n=3)
    assert ledger_verify().unsealed == 3
    assert ledger_seal() == 3
    _give(initiative, "1.000")
    assert ledger_seal() == 1
    chain = list(Transaction.objects.order_by("seq").values_list("seq", "prev_hash", "hash"))
    assert [c[0] for c in chain] == [1, 2, 3, 4]
    assert all(chain[i][1] == chain[i - 1][2] for i in range(1, 4))
    report = ledger_verify()
    assert report.ok and report.sealed == 4 and report.unsealed == 0
    call_command("ledger_verify")


def _tamper(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks before ALTER
        cursor.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only")


@pytest.mark.django_db
def test_ledger_verify_detects_a_tampered_entry(initiative):
    _give(initiative, "10.000", n=3)
    ledger_seal()
    ledger_fold()
    call_command("ledger_verify")
    victim = Transaction.objects.order_by("seq")[1]
    # a balanced edit: both sides changed, so only the hash chain can tell
    _tamper(
        "UPDATE ledger_entry SET debit = CASE WHEN debit > 0 THEN debit - 1 ELSE 0 END,"
        " credit = CASE WHEN credit > 0 THEN credit - 1 ELSE 0 END"
        " WHERE transaction_id = %s AND kind = 'gross'",
        victim.pk,
    )
    report = ledger_verify()
    assert not report.ok
    assert any(f"transaction {victim.pk}" in p and "altered" in p for p in report.problems)
    with pytest.raises(CommandError):
        call_command("ledger_verify")


@pytest.mark.django_db
def test_ledger_verify_detects_an_unbalanced_edit_even_before_sealing(initiative):
    _give(initiative, "10.000")
    _tamper("UPDATE ledger_entry SET credit = credit + 5 WHERE credit > 0 AND kind = 'gross'")
    report = ledger_verify()
    assert any("unbalanced" in p for p in report.problems)


@pytest.mark.django_db
def test_fold_is_exact_and_totals_lag_only_until_folded(initiative):
    _give(initiative, "2.500", n=4)
    assert initiative_raised(initiative) == Decimal("10.000")  # exact before folding
    assert initiative_totals(initiative) == (Decimal("0.000"), 0)  # display lags
    ledger_fold()
    assert RaisedDelta.objects.count() == 0
    assert initiative_totals(initiative) == (Decimal("10.000"), 4)
    _give(initiative, "1.000")
    assert initiative_raised(initiative) == Decimal("11.000")
    ledger_fold()
    assert AccountTotal.objects.get(account__initiative=initiative).raised == Decimal("11.000")
    assert ledger_verify().ok


@pytest.mark.django_db
def test_zakat_cannot_be_spent_on_a_non_zakat_purpose():
    from tests.fixtures.environment import ensure_geo

    ensure_geo()
    zakat_initiative = InitiativeFactory(category="zakat")
    _give(zakat_initiative, "100.000")
    fund = accounts.initiative_account(zakat_initiative)
    assert fund.restriction == "zakat"
    before = Transaction.objects.count()
    for purpose in (Purpose.SCHOOL_MEALS, Purpose.CONSTRUCTION, Purpose.OPERATIONS):
        with pytest.raises(BusinessError) as caught:
            ledger_disburse(account=fund, amount=Decimal("10"), purpose=purpose, reference="T-1")
        assert caught.value.code == "zakat_ring_fenced"
    general = accounts.organization_account(zakat_initiative.organization, "general")
    with pytest.raises(BusinessError):
        ledger_transfer(source=fund, destination=general, amount=Decimal("1"), reference="T-2")
    assert Transaction.objects.count() == before  # nothing was posted
    # a zakat-eligible purpose is fine
    ledger_disburse(
        account=fund, amount=Decimal("40.000"), purpose=Purpose.POOR_AND_NEEDY, reference="T-3"
    )
    zakat_fund = accounts.organization_account(zakat_initiative.organization, "zakat")
    ledger_transfer(source=fund, destination=zakat_fund, amount=Decimal("5"), reference="T-4")
    with pytest.raises(BusinessError):  # more than the fund holds
        ledger_disburse(
            account=fund, amount=Decimal("1000"), purpose=Purpose.POOR_AND_NEEDY, reference="T-5"
        )
    assert ledger_verify().ok


@pytest.mark.django_db
def test_waqf_principal_is_never_spent(organization):
    principal = accounts.organization_account(organization, "waqf_principal")
    with pytest.raises(BusinessError):
        ledger_disburse(
            account=principal, amount=Decimal("1"), purpose=Purpose.POOR_AND_NEEDY, reference="W"
        )


@pytest.mark.django_db
def test_seal_command_seals_and_folds(initiative):
    _give(initiative, "4.000", n=2)
    call_command("ledger_seal")
    assert ledger_verify().unsealed == 0
    assert initiative_totals(initiative) == (Decimal("8.000"), 2)
