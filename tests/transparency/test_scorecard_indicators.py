"""Each scorecard indicator against a value computed by hand on constructed data (dates fixed,
so every figure below can be checked with a pencil)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.beneficiaries.models import Case, CaseStatusChange
from joud.campaigns.models import FinalReport, Initiative
from joud.complaints.models import Complaint
from joud.core.audit import audit_log
from joud.core.dates import hijri_month_start
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement, Evidence
from joud.donations.models import Donation
from joud.ledger import accounts
from joud.ledger.models import Entry, Transaction
from joud.ledger.services.posting import Line, donation_lines
from joud.ministry.models import Sanction
from joud.transparency.indicators import REGISTRY, Context
from tests.beneficiaries.factories import make_case
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory
from tests.fixtures.environment import ensure_geo
from tests.volunteering.factories import ApplicationFactory, ShiftFactory

TODAY = dt.date(2026, 11, 26)  # a Thursday
D = Decimal

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def read(org, code: str, today: dt.date = TODAY):
    return REGISTRY[code].compute(Context(organization=org, today=today))


@pytest.fixture
def org(settings):
    settings.JOUD_PUBLIC_HOLIDAYS = []
    settings.JOUD_SCORECARD_MIN_GIFTS = 2
    ensure_geo()
    with scopes_disabled():
        yield OrganizationFactory()


def book(org, kind, day, lines):
    """A balanced posting dated ``day`` (the ledger's rows cannot be re-dated afterwards)."""
    txn = Transaction.objects.create(
        kind=kind,
        organization_id=org.pk,
        reference=f"T-{Transaction.objects.count()}",
        created_at=at(day),
    )
    Entry.objects.bulk_create(
        Entry(
            transaction=txn,
            account_id=ln.account_id,
            kind=ln.kind,
            debit=ln.debit,
            credit=ln.credit,
        )
        for ln in lines
    )


def gift(org, fund, day, amount, admin="0", fee="0"):
    lines = donation_lines(
        amount=D(amount),
        admin_share=D(admin),
        fee=D(fee),
        fund_id=fund.pk,
        admin_id=accounts.organization_account(org.pk, "admin").pk,
        clearing_id=accounts.clearing_account("sandbox").pk,
        fees_id=accounts.fees_account().pk,
    )
    book(org, Transaction.Kind.DONATION, day, lines)


def pay_out(org, fund, day, amount):
    bank = accounts.organization_account(org.pk, "bank")
    lines = [
        Line(fund.pk, Entry.Kind.DISBURSEMENT, debit=D(amount)),
        Line(bank.pk, Entry.Kind.DISBURSEMENT, credit=D(amount)),
    ]
    book(org, Transaction.Kind.DISBURSEMENT, day, lines)


def test_stewardship_from_the_ledger(org):
    fund = accounts.general_account(org)
    gift(org, fund, TODAY - dt.timedelta(days=200), "100", admin="2", fee="1")  # 97 kept
    gift(org, fund, TODAY - dt.timedelta(days=100), "100", admin="2", fee="1")  # 97 kept
    pay_out(org, fund, TODAY - dt.timedelta(days=50), "150")
    # 150 paid: 97 waited 150 days, 53 waited 50 days; the rial-weighted median is 150.
    days = read(org, "days_to_disburse")
    assert days.value == 150
    assert days.mark == 1 - D(150) / 180
    # admin 4 of 200 given = 2%: at the cap, half marks.
    admin = read(org, "admin_share")
    assert admin.value == D("0.02") and admin.mark == D("0.5")
    # (fees 2 + admin 4) / 200 = 3%; none at 10%: 0.7.
    cost = read(org, "cost_to_raise")
    assert cost.value == D("0.03") and cost.mark == D("0.7")
    # Held: 44 that came in 100 days ago, all of it past 90 days.
    idle = read(org, "idle_money")
    assert idle.value == 1 and idle.mark == 0
    assert idle.facts["held"] == D("44.000")
    # Ten days earlier, the same 44 had waited only 90 days (not over): nothing idle.
    assert read(org, "idle_money", TODAY - dt.timedelta(days=10)).value == 0


def test_the_money_indicators_wait_for_enough_gifts(org, settings):
    settings.JOUD_SCORECARD_MIN_GIFTS = 3
    fund = accounts.general_account(org)
    gift(org, fund, TODAY - dt.timedelta(days=20), "100", admin="2")
    gift(org, fund, TODAY - dt.timedelta(days=10), "100", admin="2")
    assert read(org, "admin_share").mark is None
    assert read(org, "cost_to_raise").mark is None


def test_zakat_paid_within_its_hijri_year(org):
    zakat = accounts.organization_account(org.pk, "zakat")
    today = hijri_month_start(1448, 3)
    gift(org, zakat, hijri_month_start(1447, 2), "100")
    pay_out(org, zakat, hijri_month_start(1447, 10), "60")  # same Hijri year
    pay_out(org, zakat, hijri_month_start(1448, 2), "30")  # the year after
    gift(org, zakat, hijri_month_start(1448, 1) + dt.timedelta(days=1), "50")  # time left
    # 60 in year; counted: 60 + 30 paid + the 10 of 1447 still held (the 50 of 1448 has time).
    reading = read(org, "zakat_in_year", today)
    assert reading.value == D("0.6") and reading.mark == D("0.6")


def test_compliance(org):
    with scopes_disabled():
        on_time = InitiativeFactory(organization=org, state=Initiative.State.REPORTED)
        late = InitiativeFactory(organization=org, state=Initiative.State.REPORTED)
        missing = InitiativeFactory(organization=org, state=Initiative.State.ENDED)
        old = InitiativeFactory(organization=org, state=Initiative.State.CLOSED)
    Initiative.unscoped.filter(pk=on_time.pk).update(report_due_on=dt.date(2026, 10, 29))
    Initiative.unscoped.filter(pk=late.pk).update(report_due_on=dt.date(2026, 11, 5))  # Thu
    Initiative.unscoped.filter(pk=missing.pk).update(report_due_on=dt.date(2026, 11, 19))  # Thu
    Initiative.unscoped.filter(pk=old.pk).update(report_due_on=dt.date(2025, 6, 1))  # > 12 mo
    for item, filed in ((on_time, dt.date(2026, 10, 28)), (late, dt.date(2026, 11, 10))):
        FinalReport.unscoped.create(
            organization=org, initiative=item, narrative_ar="تقرير", submitted_at=at(filed)
        )
    reading = read(org, "reports_on_time")
    # 1 of 3 on time. Late: Thu 5 Nov -> Tue 10 Nov = Sun, Mon, Tue = 3 working days;
    # Thu 19 Nov -> Thu 26 Nov (today, still missing) = Sun..Thu = 5. Mean 4.0.
    assert reading.value == D(1) / 3
    assert reading.facts == {"due": 3, "on_time": 1, "mean_late": D("4.0")}

    reviewer = UserFactory(is_ministry_reviewer=True)
    for kind, days_ago in (("warning", 60), ("warning", 400), ("suspension", 500)):
        s = Sanction.objects.create(kind=kind, organization=org, reason="r", issued_by=reviewer)
        Sanction.objects.filter(pk=s.pk).update(created_at=at(TODAY - dt.timedelta(days_ago)))
    sanctions = read(org, "sanctions")
    assert sanctions.value == 1 and sanctions.mark == D("0.5")

    for outcome, days_ago in (("warning", 30), ("dismissed", 20), ("suspension", 800)):
        Complaint.objects.create(
            subject="organization",
            organization=org,
            reason="misuse",
            details="d",
            answer_due_on=TODAY,
            outcome=outcome,
            decided_at=at(TODAY - dt.timedelta(days_ago)),
        )
    complaints = read(org, "complaints")
    assert complaints.value == 1 and complaints.mark == D("0.5")

    assert read(org, "licence").mark == 1
    org.licence_expires_on = TODAY - dt.timedelta(days=1)
    assert read(org, "licence").mark == 0


def test_transparency(org):
    user = UserFactory()
    fund = accounts.general_account(org)
    with scopes_disabled():
        for amount, public in (("300", True), ("100", False)):
            d = Disbursement.unscoped.create(
                organization=org,
                reference=f"DSB-{amount}",
                state=Disbursement.State.PAID,
                source=fund,
                purpose="relief",
                amount=D(amount),
                payee_kind="supplier",
                payee_name="مورد",
                bank_account="OM000000000000000000000",
                planned_on=TODAY,
                requested_by=user,
                posted_at=at(TODAY - dt.timedelta(days=5)),
            )
            Evidence.unscoped.create(
                organization=org, disbursement=d, kind="invoice", is_public=public, file="x.pdf"
            )
        published, sent = (
            InitiativeFactory(organization=org, state=Initiative.State.CLOSED),
            InitiativeFactory(organization=org, state=Initiative.State.REPORTED),
        )
        InitiativeFactory(organization=org, state=Initiative.State.ENDED)
    Initiative.unscoped.filter(organization=org).update(report_due_on=TODAY - dt.timedelta(5))
    FinalReport.unscoped.create(
        organization=org,
        initiative=published,
        narrative_ar="تم",
        state="accepted",
        published_at=at(TODAY),
        decided_at=at(TODAY),
        people_reached=40,
    )
    FinalReport.unscoped.create(organization=org, initiative=sent, narrative_ar="تم")
    evidence = read(org, "evidence")  # 300 of 400 with a public file
    assert evidence.value == D("0.75") and evidence.mark == D("0.75")
    reports = read(org, "reports_published")
    assert reports.value == D(1) / 3
    org.website, org.description_en, org.contact_phone = "", "", ""
    org.contact_email, org.description_ar = "info@example.om", "جمعية"
    # name_en, description_ar, contact_email, wilayat, licence_number: 5 of 8.
    assert read(org, "profile").value == D(5) / 8
    people = read(org, "beneficiaries")  # 40 reached in the accepted report; full at 200
    assert people.value == 40 and people.mark == D("0.2")


def test_donor_retention(org):
    fund = accounts.general_account(org)

    def donated(email, days_ago):
        Donation.unscoped.create(
            organization=org,
            target="general",
            fund_account=fund,
            amount=D("5"),
            donor_email=email,
            state=Donation.State.CONFIRMED,
            confirmed_at=at(TODAY - dt.timedelta(days=days_ago)),
        )

    for name in "abcde":
        donated(f"{name}@example.om", 500)
    donated("A@example.om", 100)  # the same donor (emails compared without case)
    donated("b@example.om", 10)
    donated("f@example.om", 10)
    reading = read(org, "donor_retention")  # a and b of 5 came back
    assert reading.value == D("0.4")
    assert reading.facts["donors"] == 3


def test_responsiveness(org):
    with scopes_disabled():
        item = InitiativeFactory(organization=org, state=Initiative.State.DRAFT)

    def logged(action, day):
        entry = audit_log(action=action, target=item)
        AuditLogEntry.objects.filter(pk=entry.pk).update(created_at=at(day))

    # Asked Thu 5 Nov, answered Mon 9 Nov: Sun, Mon = 2 working days.
    logged("joud.initiative.changes_requested", dt.date(2026, 11, 5))
    logged("joud.initiative.submitted", dt.date(2026, 11, 9))
    # Asked Sun 15 Nov, answered Thu 19 Nov: Mon..Thu = 4; a third request is unanswered.
    logged("joud.initiative.changes_requested", dt.date(2026, 11, 15))
    logged("joud.initiative.submitted", dt.date(2026, 11, 19))
    logged("joud.initiative.changes_requested", dt.date(2026, 11, 22))
    reading = read(org, "change_requests")
    assert reading.value == 3  # the median of 2 and 4
    assert reading.mark == D("0.7")  # none at 10 working days


def test_volunteer_hours(org):
    with scopes_disabled():
        assert read(org, "volunteer_hours").mark is None  # no opportunity: not measured
        shift = ShiftFactory(opportunity__organization=org)
        for minutes, days_ago in ((150, 10), (90, 40), (600, 400)):  # the last: > 12 months
            ApplicationFactory(
                shift=shift,
                hours_status="approved",
                approved_minutes=minutes,
                approved_at=at(TODAY - dt.timedelta(days=days_ago)),
            )
    reading = read(org, "volunteer_hours")  # 240 minutes = 4.0 hours; full at 500
    assert reading.value == D("4.0") and reading.mark == D("0.008")


def test_days_to_decide_a_case(org):
    user = UserFactory()
    with scopes_disabled():
        cases = [make_case(org, user) for _ in range(3)]
    # Recorded 20, 10 and 40 days before their decision; the third decided > 12 months ago.
    plan = ((cases[0], 30, 10, "approved"), (cases[1], 15, 5, "rejected"))
    plan += ((cases[2], 440, 400, "approved"),)
    for case, recorded, decided, status in plan:
        Case.unscoped.filter(pk=case.pk).update(created_at=at(TODAY - dt.timedelta(recorded)))
        change = CaseStatusChange.unscoped.create(
            organization=org, case=case, from_status="open", to_status=status
        )
        CaseStatusChange.unscoped.filter(pk=change.pk).update(
            created_at=at(TODAY - dt.timedelta(decided))
        )
    reading = read(org, "case_decisions")  # the median of 20 and 10; none at 30 days
    assert reading.value == 15 and reading.mark == D("0.5")
