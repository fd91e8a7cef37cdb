"""Reconciliation: crafted gateway reports with each kind of difference, against the ledger."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.donations.reconciliation import Kind, reconcile
from joud.donations.services import donation_refund
from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox.settlement import sandbox_settlement_report
from joud.payments.providers.stripe_checkout.settlement import parse_stripe_balance_csv
from joud.payments.providers.thawani.settlement import parse_thawani_sessions
from joud.payments.settlement import ProviderReport, ReportPayment
from tests.donations.factories import deliver, event_body, general_fund_holds, make_donation, pay

D = Decimal


def _paid(initiative, amount="10.000"):
    donation, attempt = make_donation(initiative=initiative, amount=amount)
    pay(attempt)
    with scopes_disabled():
        donation.refresh_from_db()
    return donation, attempt


def _kinds(result):
    return sorted((d.kind, d.reference) for d in result.differences)


def _today():
    return timezone.localdate()


@pytest.mark.django_db
def test_sandbox_settlement_matches_the_ledger(initiative):
    _, a1 = _paid(initiative, "10.000")
    donation, a2 = _paid(initiative, "20.000")
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with scopes_disabled():
        donation_refund(donation=donation, amount=D("5.000"))
    report = sandbox_settlement_report(_today())
    assert sorted(p.reference for p in report.payments) == sorted([a1.reference, a2.reference])
    assert {p.reference: p.fee for p in report.payments}[a1.reference] == D("0.150")
    assert report.refunds == {a2.reference: D("5.000")}
    result = reconcile(report)
    assert result.ok, result.differences
    assert (result.report_payments, result.ledger_payments, result.matched) == (2, 2, 2)


@pytest.mark.django_db
def test_sandbox_report_with_every_kind_of_difference(initiative):
    """The gateway's records drift from the ledger in each possible way."""
    _, ok = _paid(initiative, "10.000")
    _, amount_off = _paid(initiative, "11.000")
    _, fee_off = _paid(initiative, "12.000")
    donation, refund_off = _paid(initiative, "13.000")
    _, gone = _paid(initiative, "14.000")
    _, held = make_donation(initiative=initiative, amount="15.000")
    pay(held, wrong_amount=True)  # captured 16.000 at the gateway, held for review here
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with scopes_disabled():
        donation_refund(donation=donation, amount=D("3.000"))
    SandboxCharge.objects.filter(reference=amount_off.reference).update(amount=D("11.100"))
    SandboxCharge.objects.filter(reference=fee_off.reference).update(fee=D("0.999"))
    SandboxCharge.objects.filter(reference=refund_off.reference).update(refunded=D("4.000"))
    SandboxCharge.objects.filter(reference=gone.reference).delete()

    result = reconcile(sandbox_settlement_report(_today()))
    assert _kinds(result) == sorted(
        [
            (Kind.AMOUNT_MISMATCH, amount_off.reference),
            (Kind.FEE_MISMATCH, fee_off.reference),
            (Kind.REFUND_MISMATCH, refund_off.reference),
            (Kind.MISSING_AT_PROVIDER, gone.reference),
            (Kind.MISSING_IN_LEDGER, held.reference),
        ]
    )
    by_kind = {d.kind: d for d in result.differences}
    assert by_kind[Kind.AMOUNT_MISMATCH].provider_value == D("11.100")
    assert by_kind[Kind.AMOUNT_MISMATCH].ledger_value == D("11.000")
    assert by_kind[Kind.FEE_MISMATCH].ledger_value == D("0.180")
    assert (
        by_kind[Kind.REFUND_MISMATCH].provider_value,
        by_kind[Kind.REFUND_MISMATCH].ledger_value,
    ) == (D("4.000"), D("3.000"))
    assert by_kind[Kind.MISSING_AT_PROVIDER].ledger_value == D("14.000")
    assert by_kind[Kind.MISSING_IN_LEDGER].provider_value == D("16.000")
    assert "held_for_review" in by_kind[Kind.MISSING_IN_LEDGER].note
    # matched = same gross and fee (the refund difference is listed on its own)
    assert result.matched == 2 and ok.reference not in {d.reference for d in result.differences}
    assert result.counts() == dict.fromkeys(Kind.ALL, 1)


@pytest.mark.django_db
def test_a_payment_booked_on_another_day_is_not_missing(initiative):
    _, attempt = _paid(initiative)
    yesterday = _today() - dt.timedelta(days=1)
    report = ProviderReport(
        provider="sandbox",
        day=yesterday,  # the gateway dated it the day before (midnight)
        payments=[ReportPayment(attempt.reference, "s", D("10.000"), D("0.150"))],
    )
    result = reconcile(report)
    assert result.ok and result.ledger_payments == 0 and result.matched == 1


STRIPE_CSV = """balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,source_id,payment_intent_id,payment_metadata[reference]
txn_1,{t},omr,10.000,0.320,9.680,charge,ch_1,pi_1,{ok}
txn_2,{t},omr,20.000,0.420,19.580,charge,ch_2,pi_2,{fee_off}
txn_3,{t},omr,30.010,0.520,29.490,charge,ch_3,pi_3,{amount_off}
txn_4,{t},omr,5.000,0.200,4.800,charge,ch_4,pi_4,JD-NOPE1-P1
txn_5,{t},omr,-2.000,0.000,-2.000,refund,re_1,pi_1,{ok}
txn_6,{t},omr,-10.000,15.000,-25.000,dispute,dp_1,pi_9,JD-OTHER-P1
txn_7,{old},omr,99.000,1.000,98.000,charge,ch_7,pi_7,JD-OLDER-P1
"""


def _gateway_paid(initiative, provider, amount, fee):
    """A donation confirmed by ``provider`` (its event applied as the webhook would)."""
    from joud.donations.services import payment_event_apply
    from joud.ledger import accounts
    from joud.payments.base import ProviderEvent

    donation, attempt = make_donation(initiative=initiative, amount=amount)
    with scopes_disabled():
        attempt.provider = provider  # as if it had been opened with that gateway
        attempt.save(update_fields=["provider"])
        accounts.clearing_account(provider)
    payment_event_apply(
        event=ProviderEvent(
            provider=provider,
            event_id=f"evt_{attempt.reference}",
            type="payment.succeeded",
            reference=attempt.reference,
            amount=D(amount),
            fee=D(fee),
        )
    )
    return donation, attempt


def _stripe_paid(initiative, amount, fee):
    return _gateway_paid(initiative, "stripe", amount, fee)


def _thawani_paid(initiative, amount, fee):
    return _gateway_paid(initiative, "thawani", amount, fee)


@pytest.mark.django_db
def test_stripe_balance_csv(initiative, tmp_path):
    _, ok = _stripe_paid(initiative, "10.000", "0.320")
    _, fee_off = _stripe_paid(initiative, "20.000", "0.400")
    _, amount_off = _stripe_paid(initiative, "30.000", "0.520")
    _, unreported = _stripe_paid(initiative, "40.000", "0.620")
    now = timezone.now()
    path = tmp_path / "stripe.csv"
    path.write_text(
        STRIPE_CSV.format(
            t=now.strftime("%Y-%m-%d %H:%M:%S"),
            old=(now - dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"),
            ok=ok.reference,
            fee_off=fee_off.reference,
            amount_off=amount_off.reference,
        )
    )
    report = parse_stripe_balance_csv(path, day=_today())
    assert len(report.payments) == 4  # the older row is another day's; the dispute is not a payment
    assert report.refunds == {ok.reference: D("2.000")}
    result = reconcile(report)
    assert _kinds(result) == sorted(
        [
            (Kind.FEE_MISMATCH, fee_off.reference),
            (Kind.AMOUNT_MISMATCH, amount_off.reference),
            (Kind.MISSING_IN_LEDGER, "JD-NOPE1-P1"),
            (Kind.MISSING_AT_PROVIDER, unreported.reference),
            (Kind.REFUND_MISMATCH, ok.reference),  # refunded at Stripe, not in the ledger
        ]
    )


@pytest.mark.django_db
def test_thawani_sessions_and_payments_json(initiative, tmp_path):
    from joud.core.money import to_minor_units

    attempts = [
        _thawani_paid(initiative, a, f) for a, f in (("10.000", "0.225"), ("20.000", "0.300"))
    ]
    (_, first), (_, second) = attempts
    created = timezone.now().isoformat().replace("+00:00", "Z")
    sessions = [
        {
            "session_id": f"checkout_{i}",
            "client_reference_id": a.reference,
            "payment_status": "paid",
            "total_amount": to_minor_units(a.amount),
            "currency": "OMR",
            "invoice": f"inv{i}",
            "created_at": created,
        }
        for i, a in enumerate([first, second])
    ]
    sessions.append(
        {
            "session_id": "checkout_x",
            "client_reference_id": "JD-UNPD1-P1",
            "payment_status": "unpaid",
            "total_amount": 1000,
            "invoice": "invx",
            "created_at": created,
        }
    )
    payments = [
        {
            "payment_id": "p0",
            "status": "successful",
            "amount": 10000,
            "fee": 225,
            "checkout_invoice": "inv0",
            "refunds": [],
        },
        {
            "payment_id": "p1",
            "status": "successful",
            "amount": 20000,
            "fee": 300,
            "checkout_invoice": "inv1",
            "refunds": [{"refund_id": "r1", "amount": 5000, "status": "successful"}],
        },
    ]
    path = tmp_path / "thawani.json"
    path.write_text(
        json.dumps(
            {
                "sessions": {"success": True, "data": sessions},
                "payments": {"success": True, "data": payments},
            }
        )
    )
    result = reconcile(parse_thawani_sessions(path, day=_today()))
    assert _kinds(result) == [(Kind.REFUND_MISMATCH, second.reference)]
    # the sessions list alone (no payments): amounts are compared, fees and refunds are not
    path.write_text(json.dumps({"success": True, "data": sessions[:1]}))
    result = reconcile(parse_thawani_sessions(path, day=_today()))
    assert _kinds(result) == [(Kind.MISSING_AT_PROVIDER, second.reference)]


@pytest.mark.django_db
def test_command_prints_a_table_and_exits_non_zero_on_differences(initiative, capsys):
    _, attempt = _paid(initiative)
    day = _today().isoformat()
    call_command("reconcile", "--provider", "sandbox", "--date", day)
    assert "no differences" in capsys.readouterr().out
    SandboxCharge.objects.filter(reference=attempt.reference).update(amount=D("10.500"))
    with pytest.raises(SystemExit) as exit_info:
        call_command("reconcile", "--provider", "sandbox", "--date", day)
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "amount_mismatch" in out and attempt.reference in out and "10.500" in out
    entries = AuditLogEntry.objects.filter(action="joud.reconciliation.completed")
    assert entries.count() == 2
    assert entries.order_by("-id").first().data["counts"]["amount_mismatch"] == 1


@pytest.mark.django_db
def test_command_refuses_a_missing_or_unreadable_report(tmp_path, settings):
    settings.JOUD_RECONCILIATION_DIR = tmp_path
    with pytest.raises(CommandError) as info:
        call_command("reconcile", "--provider", "stripe", "--date", "2026-11-25")
    assert info.value.returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("something,else\n1,2\n")
    with pytest.raises(CommandError):
        call_command(
            "reconcile", "--provider", "stripe", "--date", "2026-11-25", "--file", str(bad)
        )
    with pytest.raises(CommandError):
        call_command("reconcile", "--provider", "sandbox", "--date", "25/11/2026")


@pytest.mark.django_db
def test_daily_task_reconciles_each_provider_into_the_audit_log(initiative, settings, tmp_path):
    from joud.core.scheduling import REGISTRY
    from joud.donations.reconciliation.tasks import reconcile_daily

    assert REGISTRY["payments.reconcile_daily"].every == dt.timedelta(days=1)
    settings.JOUD_PAYMENT_PROVIDERS = ["sandbox", "stripe"]
    settings.JOUD_STRIPE_SECRET_KEY = ""  # no API: the Stripe report must be dropped as a file
    settings.JOUD_RECONCILIATION_DIR = tmp_path
    _, attempt = _paid(initiative)
    SandboxCharge.objects.filter(reference=attempt.reference).update(fee=D("0.100"))
    result = reconcile_daily.call(_today().isoformat())
    assert result["sandbox"]["counts"][Kind.FEE_MISMATCH] == 1
    assert "skipped" in result["stripe"]
    entry = AuditLogEntry.objects.get(action="joud.reconciliation.completed")
    assert entry.data["provider"] == "sandbox" and entry.data["differences"] == 1
    assert entry.data["counts"] == {**dict.fromkeys(Kind.ALL, 0), Kind.FEE_MISMATCH: 1}
    assert AuditLogEntry.objects.filter(action="joud.reconciliation.skipped").count() == 1
    # a report dropped in the folder is picked up
    (tmp_path / f"stripe-{_today().isoformat()}.csv").write_text(
        "balance_transaction_id,created_utc,currency,gross,fee,reporting_category,payment_metadata[reference]\n"
    )
    result = reconcile_daily.call(_today().isoformat())
    assert result["stripe"]["differences"] == 0


@pytest.mark.django_db
def test_webhook_replays_do_not_disturb_reconciliation(initiative):
    _, attempt = _paid(initiative)
    deliver(event_body(attempt, fee="0.150"))  # a late, different event: noop
    assert reconcile(sandbox_settlement_report(_today())).ok
