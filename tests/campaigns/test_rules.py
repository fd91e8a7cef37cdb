"""Oman's fundraising rules, with their configurable values and working-day deadlines."""

import datetime as dt
from decimal import Decimal

import pytest

from joud.campaigns import services
from joud.campaigns.models import Initiative
from joud.campaigns.tasks import advance_initiatives
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.models import AuditLogEntry
from joud.core.scheduling import REGISTRY
from joud.ministry import services as ministry
from joud.organizations.models import Organization
from tests.campaigns.factories import draft_initiative
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
State = Initiative.State

# 2026-11-25 is a Wednesday; Friday and Saturday are the weekend.
WEDNESDAY = dt.date(2026, 11, 25)


def _submit(initiative, actor, today):
    return services.initiative_submit(initiative=initiative, actor=actor, today=today)


def test_submission_at_exactly_the_lead_days_is_accepted(org_admin, organization):
    item = draft_initiative(
        organization=organization, starts_on=WEDNESDAY + dt.timedelta(days=15),
        ends_on=WEDNESDAY + dt.timedelta(days=45),
    )  # fmt: skip
    assert _submit(item, org_admin, WEDNESDAY).state == State.SUBMITTED


def test_submission_one_day_short_of_the_lead_is_refused(org_admin, organization):
    item = draft_initiative(
        organization=organization, starts_on=WEDNESDAY + dt.timedelta(days=14),
        ends_on=WEDNESDAY + dt.timedelta(days=45),
    )  # fmt: skip
    with pytest.raises(BusinessError) as exc:
        _submit(item, org_admin, WEDNESDAY)
    assert "١٥" in str(exc.value) or "15" in str(exc.value)
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_the_lead_days_are_configurable(settings, org_admin, organization):
    settings.JOUD_SUBMISSION_LEAD_DAYS = 30
    item = draft_initiative(
        organization=organization, starts_on=WEDNESDAY + dt.timedelta(days=20),
        ends_on=WEDNESDAY + dt.timedelta(days=45),
    )  # fmt: skip
    with pytest.raises(BusinessError):
        _submit(item, org_admin, WEDNESDAY)


def test_ministry_answer_is_due_in_ten_working_days_skipping_weekends(org_admin, organization):
    item = draft_initiative(organization=organization, starts_on=WEDNESDAY + dt.timedelta(days=20))
    item = _submit(item, org_admin, WEDNESDAY)
    # Wed 25 Nov + 10 working days (Sun–Thu): Thu 26, Sun 29, Mon 30, Tue 1, Wed 2, Thu 3,
    # Sun 6, Mon 7, Tue 8, Wed 9 December.
    assert item.answer_due_on == dt.date(2026, 12, 9)


def test_answer_days_submitted_on_a_thursday_cross_the_weekend(org_admin, organization):
    thursday = dt.date(2026, 11, 26)
    item = draft_initiative(organization=organization, starts_on=thursday + dt.timedelta(days=20))
    item = _submit(item, org_admin, thursday)
    assert item.answer_due_on == dt.date(2026, 12, 10)
    assert item.answer_due_on.weekday() == 3  # a Thursday


def test_answer_days_are_configurable(settings, org_admin, organization):
    settings.JOUD_MINISTRY_ANSWER_WORKING_DAYS = 1
    thursday = dt.date(2026, 11, 26)
    item = draft_initiative(organization=organization, starts_on=thursday + dt.timedelta(days=20))
    assert _submit(item, org_admin, thursday).answer_due_on == dt.date(2026, 11, 29)  # Sunday


@pytest.mark.parametrize(
    ("share", "ok"), [("0", True), ("1.99", True), ("2.00", True), ("2.01", False), ("5", False)]
)
def test_admin_share_is_capped(share, ok, org_admin, organization):
    item = draft_initiative(organization=organization, admin_share_percent=Decimal(share))
    if ok:
        assert services.initiative_submit(initiative=item, actor=org_admin).state == State.SUBMITTED
    else:
        with pytest.raises(BusinessError):
            services.initiative_submit(initiative=item, actor=org_admin)
        with pytest.raises(BusinessError):
            services.initiative_edit(
                initiative=draft_initiative(organization=organization),
                actor=org_admin,
                data={"admin_share_percent": Decimal(share)},
            )


def test_admin_share_cap_is_configurable(settings, org_admin, organization):
    settings.JOUD_ADMIN_SHARE_CAP = Decimal("1.00")
    item = draft_initiative(organization=organization, admin_share_percent=Decimal("1.50"))
    with pytest.raises(BusinessError):
        services.initiative_submit(initiative=item, actor=org_admin)


def test_end_must_follow_start_and_story_is_needed(org_admin, organization):
    today = dt.date.today()
    item = draft_initiative(
        organization=organization, story_ar="", starts_on=today + dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=19),
    )  # fmt: skip
    problems = services.initiative_rule_problems(item)
    assert len(problems) == 2


@pytest.mark.parametrize(
    "status", ["draft", "pending", "changes_requested", "rejected", "suspended"]
)
def test_only_an_active_organization_can_submit(status, org_admin, organization):
    Organization.objects.filter(pk=organization.pk).update(status=status)
    item = draft_initiative(organization=organization)
    with pytest.raises(BusinessError):
        services.initiative_submit(initiative=item, actor=org_admin)
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_an_individual_can_never_raise_funds(donor, organization):
    # A person without an organization role cannot create, submit or post for one.
    with pytest.raises(PermissionDeniedError):
        services.initiative_create(
            organization=organization, actor=donor, data={"title_ar": "جمع تبرعات شخصي"}
        )
    item = draft_initiative(organization=organization)
    with pytest.raises(PermissionDeniedError):
        services.initiative_submit(initiative=item, actor=donor)


def test_a_caseworker_cannot_submit(organization):
    caseworker = MembershipFactory(organization=organization, role="caseworker").user
    with pytest.raises(PermissionDeniedError):
        services.initiative_submit(
            initiative=draft_initiative(organization=organization), actor=caseworker
        )


def test_another_organizations_admin_cannot_submit(other_org_admin, organization):
    with pytest.raises(PermissionDeniedError):
        services.initiative_submit(
            initiative=draft_initiative(organization=organization), actor=other_org_admin
        )


def test_report_due_fifteen_working_days_after_the_end(organization, reviewer):
    # Ends Thursday 2026-12-03; 15 working days later is Thursday 2026-12-24.
    item = InitiativeFactory(
        organization=organization, state=State.LIVE,
        starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 3),
    )  # fmt: skip
    services.initiatives_advance(today=dt.date(2026, 12, 4))
    item.refresh_from_db()
    assert item.state == State.ENDED
    assert item.report_due_on == dt.date(2026, 12, 24)


def test_report_days_are_configurable(settings, organization):
    settings.JOUD_REPORT_DUE_WORKING_DAYS = 2
    item = InitiativeFactory(
        organization=organization, state=State.LIVE,
        starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 3),
    )  # fmt: skip
    services.initiatives_advance(today=dt.date(2026, 12, 4))
    item.refresh_from_db()
    assert item.report_due_on == dt.date(2026, 12, 7)  # Thu -> Sun, Mon


def test_periodic_task_starts_ends_and_flags_overdue_reports(organization):
    start = dt.date(2026, 12, 1)
    approved = InitiativeFactory(
        organization=organization,
        state=State.APPROVED,
        starts_on=start,
        ends_on=dt.date(2026, 12, 3),
    )
    services.initiatives_advance(today=start - dt.timedelta(days=1))
    approved.refresh_from_db()
    assert approved.state == State.APPROVED  # not yet
    assert services.initiatives_advance(today=start)["started"] == 1
    approved.refresh_from_db()
    assert approved.state == State.LIVE
    services.initiatives_advance(today=dt.date(2026, 12, 3))
    approved.refresh_from_db()
    assert approved.state == State.LIVE  # the end date itself is still a collecting day
    services.initiatives_advance(today=dt.date(2026, 12, 4))
    approved.refresh_from_db()
    assert approved.state == State.ENDED
    organization.refresh_from_db()
    assert not organization.has_overdue_report
    # The day after the report is due: flagged once, on the initiative and the organization.
    late = approved.report_due_on + dt.timedelta(days=1)
    assert services.initiatives_advance(today=late)["reports_overdue"] == 1
    assert services.initiatives_advance(today=late)["reports_overdue"] == 0  # idempotent
    organization.refresh_from_db()
    assert organization.has_overdue_report
    assert AuditLogEntry.objects.filter(action="joud.initiative.report_overdue").count() == 1


def test_sending_the_report_clears_the_overdue_flag(org_admin, organization):
    item = InitiativeFactory(
        organization=organization, state=State.LIVE,
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1),
    )  # fmt: skip
    services.initiatives_advance(today=dt.date(2026, 6, 1))
    services.initiatives_advance(today=dt.date(2026, 6, 1))
    organization.refresh_from_db()
    assert organization.has_overdue_report
    services.final_report_submit(
        initiative=item,
        actor=org_admin,
        narrative_ar="جمعنا المبلغ وأنفقناه على كفالة ٣٠ يتيماً.",
        people_reached=30,
    )
    organization.refresh_from_db()
    assert not organization.has_overdue_report


def test_periodic_task_is_registered_with_the_scheduler():
    assert any("advance_initiatives" in name for name in REGISTRY)


def test_the_periodic_task_runs(organization):
    item = InitiativeFactory(
        organization=organization, state=State.LIVE,
        starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 2, 1),
    )  # fmt: skip
    advance_initiatives.enqueue()
    item.refresh_from_db()
    assert item.state == State.ENDED


# ---- suspension stops donations at once ---------------------------------------------------------


def test_suspending_an_organization_stops_its_live_initiatives(reviewer, organization):
    live = InitiativeFactory(organization=organization, state=State.LIVE)
    assert live.accepts_donations
    ministry.organization_suspend(organization=organization, reviewer=reviewer, reason="مخالفة")
    live.refresh_from_db()
    assert live.state == State.LIVE  # its permit is untouched…
    assert not live.accepts_donations  # …but it takes no money while the licence is suspended
    ministry.organization_reinstate(organization=organization, reviewer=reviewer, reason="صُحّحت")
    live.refresh_from_db()
    assert live.accepts_donations


def test_suspending_an_initiative_stops_it(reviewer, organization):
    live = InitiativeFactory(organization=organization, state=State.LIVE)
    ministry.initiative_suspend(initiative=live, reviewer=reviewer, reason="شكوى")
    live.refresh_from_db()
    assert live.state == State.SUSPENDED and not live.accepts_donations
    assert live.state_before_suspension == State.LIVE
    ministry.initiative_reinstate(initiative=live, reviewer=reviewer, reason="تم التحقق")
    live.refresh_from_db()
    assert live.state == State.LIVE and live.accepts_donations


def test_reinstating_after_the_end_date_ends_it(reviewer, organization):
    item = InitiativeFactory(organization=organization, state=State.SUSPENDED,
                             starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1))  # fmt: skip
    item = ministry.initiative_reinstate(
        initiative=item, reviewer=reviewer, reason="انتهت", today=dt.date(2026, 3, 1)
    )
    assert item.state == State.ENDED and item.report_due_on is not None


def test_approval_on_or_after_the_start_date_goes_live_at_once(reviewer, organization):
    today = dt.date(2026, 12, 1)
    item = InitiativeFactory(organization=organization, state=State.SUBMITTED,
                             starts_on=today, ends_on=today + dt.timedelta(days=30))  # fmt: skip
    assert (
        ministry.initiative_approve(initiative=item, reviewer=reviewer, today=today).state
        == State.LIVE
    )


def test_approval_before_the_start_waits(reviewer, organization):
    today = dt.date(2026, 12, 1)
    item = InitiativeFactory(organization=organization, state=State.SUBMITTED,
                             starts_on=today + dt.timedelta(days=3), ends_on=today + dt.timedelta(days=30))  # fmt: skip
    assert (
        ministry.initiative_approve(initiative=item, reviewer=reviewer, today=today).state
        == State.APPROVED
    )


def test_a_suspended_organizations_initiative_cannot_be_approved(reviewer):
    org = OrganizationFactory(status=Organization.Status.SUSPENDED)
    item = InitiativeFactory(organization=org, state=State.SUBMITTED)
    with pytest.raises(BusinessError):
        ministry.initiative_approve(initiative=item, reviewer=reviewer)


def test_warning_is_recorded_and_counted(reviewer, organization):
    ministry.organization_warn(organization=organization, reviewer=reviewer, reason="تأخر التقرير")
    organization.refresh_from_db()
    assert organization.warning_count == 1
    assert AuditLogEntry.objects.filter(action="joud.organization.warned").count() == 1
    with pytest.raises(BusinessError):
        ministry.organization_warn(organization=organization, reviewer=reviewer, reason="")


def test_only_reviewers_decide(org_admin, organization):
    item = InitiativeFactory(organization=organization, state=State.SUBMITTED)
    with pytest.raises(PermissionDeniedError):
        ministry.initiative_approve(initiative=item, reviewer=org_admin)
    with pytest.raises(PermissionDeniedError):
        ministry.organization_suspend(organization=organization, reviewer=org_admin, reason="x")
