"""Four eyes, the ministry's threshold, rejection with a reason, the audit trail, and a bounced
transfer reversed by a new ledger entry that keeps the books balanced."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.models import AuditLogEntry
from joud.disbursements import services
from joud.ledger import accounts
from joud.ledger.models import Entry, Transaction
from joud.ledger.selectors import account_flows
from joud.ledger.services import account_balance, ledger_seal
from joud.ledger.verify import ledger_verify
from tests.disbursements.factories import ask, finance_team, funded_initiative, posted
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    initiative = funded_initiative("200.000")
    requester, approver = finance_team(initiative.organization)
    fund = accounts.initiative_account(initiative)
    return initiative, requester, approver, fund


def test_the_requester_cannot_approve_their_own_payment(world):
    initiative, requester, approver, fund = world
    item = ask(initiative.organization, requester, source=fund)
    services.disbursement_submit(disbursement=item, actor=requester)
    with pytest.raises(PermissionDeniedError) as refused:
        services.disbursement_approve(disbursement=item, actor=requester)
    assert refused.value.code == "four_eyes"
    item.refresh_from_db()
    assert item.state == "submitted" and item.posting_id is None
    assert not Transaction.objects.filter(kind="disbursement").exists()
    # Nor can someone outside the finance team (a caseworker), nor another organization's officer.
    caseworker = MembershipFactory(organization=initiative.organization, role="caseworker").user
    outsider = MembershipFactory(role="finance").user
    for person in (caseworker, outsider):
        with pytest.raises(PermissionDeniedError):
            services.disbursement_approve(disbursement=item, actor=person)
    # A second member of the finance team approves: the ledger books it.
    services.disbursement_approve(disbursement=item, actor=approver)
    item.refresh_from_db()
    assert item.state == "posted" and item.approved_by == approver
    assert item.posting.reference == item.reference


def test_below_the_threshold_the_organizations_approval_books_it(world, settings):
    settings.JOUD_DISBURSEMENT_MINISTRY_THRESHOLD = Decimal("50")
    initiative, requester, approver, fund = world
    before = account_balance(fund)
    item = posted(initiative, requester, approver, amount=Decimal("50.000"), evidence=False)
    assert item.state == "posted"  # exactly the threshold: not above it
    assert account_balance(fund) == before - Decimal("50.000")


def test_above_the_threshold_the_ministry_must_approve(world, settings):
    settings.JOUD_DISBURSEMENT_MINISTRY_THRESHOLD = Decimal("50")
    initiative, requester, approver, fund = world
    before = account_balance(fund)
    item = posted(initiative, requester, approver, amount=Decimal("50.001"), evidence=False)
    assert item.state == "ministry" and item.posting_id is None
    assert account_balance(fund) == before
    # Organization staff cannot take the ministry's step.
    with pytest.raises(BusinessError):
        services.disbursement_ministry_decide(disbursement=item, actor=approver, approve=True)
    reviewer = UserFactory(is_ministry_reviewer=True)
    services.disbursement_ministry_decide(disbursement=item, actor=reviewer, approve=True)
    item.refresh_from_db()
    assert item.state == "posted" and item.ministry_by == reviewer
    assert account_balance(fund) == before - Decimal("50.001")


def test_the_ministry_rejects_with_a_reason(world, settings):
    settings.JOUD_DISBURSEMENT_MINISTRY_THRESHOLD = Decimal("5")
    initiative, requester, approver, _fund = world
    item = posted(initiative, requester, approver, evidence=False)
    reviewer = UserFactory(is_ministry_reviewer=True)
    with pytest.raises(BusinessError):
        services.disbursement_ministry_decide(disbursement=item, actor=reviewer, approve=False)
    services.disbursement_ministry_decide(
        disbursement=item, actor=reviewer, approve=False, reason="الفاتورة غير واضحة"
    )
    item.refresh_from_db()
    assert item.state == "rejected" and item.reason == "الفاتورة غير واضحة"
    assert not Transaction.objects.filter(kind="disbursement").exists()


def test_a_rejection_needs_a_reason_and_every_step_is_audited(world):
    initiative, requester, approver, fund = world
    item = ask(initiative.organization, requester, source=fund)
    services.disbursement_submit(disbursement=item, actor=requester)
    with pytest.raises(BusinessError):
        services.disbursement_reject(disbursement=item, actor=approver, reason=" ")
    services.disbursement_reject(disbursement=item, actor=approver, reason="السعر مرتفع")
    actions = list(
        AuditLogEntry.objects.filter(
            object_id=str(item.pk), object_type="disbursements.disbursement"
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "joud.disbursement.created",
        "joud.disbursement.submitted",
        "joud.disbursement.rejected",
    ]


def test_a_payment_the_fund_cannot_cover_is_refused_and_nothing_is_booked(world):
    initiative, requester, approver, fund = world
    item = ask(initiative.organization, requester, source=fund, amount=Decimal("500.000"))
    services.disbursement_submit(disbursement=item, actor=requester)
    with pytest.raises(BusinessError) as refused:
        services.disbursement_approve(disbursement=item, actor=approver)
    assert refused.value.code == "insufficient"
    item.refresh_from_db()
    assert item.state == "submitted" and item.approved_by is None


def test_a_bounced_transfer_is_reversed_by_a_new_entry(world):
    initiative, requester, approver, fund = world
    before = account_balance(fund)
    item = posted(initiative, requester, approver, amount=Decimal("25.250"), evidence=False)
    services.disbursement_mark_paid(disbursement=item, actor=requester)
    payment_entries = list(
        Entry.objects.filter(transaction=item.posting).values_list("debit", "credit")
    )
    ledger_seal()
    with pytest.raises(BusinessError):  # a reason is due
        services.disbursement_bounce(disbursement=item, actor=requester, reason="")
    services.disbursement_bounce(disbursement=item, actor=requester, reason="IBAN closed")
    item.refresh_from_db()
    assert item.state == "bounced" and item.reversal_id and item.reversal_id != item.posting_id
    # The payment's own entries are untouched; the money is back in the fund.
    assert list(Entry.objects.filter(transaction=item.posting).values_list("debit", "credit")) == (
        payment_entries
    )
    assert account_balance(fund) == before
    assert account_balance(accounts.organization_account(initiative.organization, "bank")) == 0
    assert account_flows(fund.pk)["disbursed"] == Decimal("0.000")
    ledger_seal()
    report = ledger_verify()
    assert report.ok, report.problems
    assert AuditLogEntry.objects.filter(action="joud.disbursement.bounced").count() == 1
    # A bounced payment cannot bounce twice or be paid again.
    with pytest.raises(BusinessError):
        services.disbursement_bounce(disbursement=item, actor=requester, reason="again")
    with pytest.raises(BusinessError):
        services.disbursement_mark_paid(disbursement=item, actor=requester)


def test_the_team_hears_of_a_request_and_the_requester_of_the_decision(
    world, django_capture_on_commit_callbacks
):
    from joud.core.models import OutboxMessage

    initiative, requester, approver, fund = world
    item = ask(initiative.organization, requester, source=fund)
    with django_capture_on_commit_callbacks(execute=True):
        services.disbursement_submit(disbursement=item, actor=requester)
    assert OutboxMessage.objects.filter(to=approver.email, body__contains=item.reference).exists()
    assert not OutboxMessage.objects.filter(to=requester.email).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.disbursement_reject(disbursement=item, actor=approver, reason="السعر مرتفع")
    assert OutboxMessage.objects.filter(to=requester.email, body__contains="السعر مرتفع").exists()
