"""The final report: its money read from the ledger, filing, the ministry's acceptance (then it is
published) or its request for changes (then it is filed again), and the escalation of a report
not sent, counted in working days across weekends (Friday, Saturday) and public holidays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from joud.campaigns import reporting, services
from joud.campaigns.models import FinalReport, FinalReportPhoto, Initiative
from joud.campaigns.tasks import escalate_final_reports
from joud.core.dates import add_working_days, working_days_between
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.scheduling import REGISTRY
from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from joud.ledger.models import Entry, Transaction
from joud.ledger.services.posting import Line, post_lines
from joud.ledger.services.spending import Purpose, ledger_disburse
from joud.ministry import services as ministry
from tests.campaigns.factories import draft_initiative, picture
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
State = Initiative.State

# December 2026: Friday 4, Saturday 5, Friday 11, Saturday 12, Friday 18, Saturday 19 are the
# weekend; Tuesday 1 and Tuesday 8 are configured as public holidays below.
DUE = dt.date(2026, 12, 6)  # a Sunday
HOLIDAYS = [dt.date(2026, 12, 1), dt.date(2026, 12, 8)]


def _ended(organization, *, due=DUE, **kw):
    return InitiativeFactory(
        organization=organization,
        state=State.ENDED,
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 10, 30),
        report_due_on=due,
        **kw,
    )


def _file(item, actor, **kw):
    values = {
        "narrative_ar": "اشترينا ٢٠٠ سلة غذائية ووزعناها على الأسر في الولاية.",
        "narrative_en": "We bought 200 food baskets and delivered them to families.",
        "people_reached": 640,
        "families_reached": 200,
    }
    values.update(kw)
    return services.final_report_submit(initiative=item, actor=actor, **values)


# ---- working days with public holidays ---------------------------------------------------------


@override_settings(JOUD_PUBLIC_HOLIDAYS=HOLIDAYS)
def test_working_days_skip_the_weekend_and_public_holidays():
    # Thursday 3 -> Sunday 6 (Friday and Saturday skipped); Monday 7 -> Wednesday 9 (8 is off).
    assert add_working_days(dt.date(2026, 12, 3), 1) == dt.date(2026, 12, 6)
    assert add_working_days(dt.date(2026, 12, 7), 1) == dt.date(2026, 12, 9)
    assert add_working_days(DUE, -5) == dt.date(2026, 11, 26)  # 1 December is a holiday
    assert working_days_between(DUE, dt.date(2026, 12, 21)) == 10


def test_without_holidays_the_same_span_is_shorter():
    assert add_working_days(DUE, -5) == dt.date(2026, 11, 29)
    assert working_days_between(DUE, dt.date(2026, 12, 20)) == 10


# ---- escalation ------------------------------------------------------------------------------


def _actions(item) -> list[str]:
    return list(
        AuditLogEntry.objects.filter(
            object_type="campaigns.initiative",
            object_id=str(item.pk),
            action__startswith="joud.final_report.",
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


@override_settings(JOUD_PUBLIC_HOLIDAYS=HOLIDAYS)
def test_escalation_by_working_days_across_weekends_and_holidays(
    organization, django_capture_on_commit_callbacks
):
    organization.contact_email = "board@example.om"
    organization.save()
    item = _ended(organization)

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return services.final_reports_escalate(today=day)

    # The reminder comes 5 working days before Sunday 6: Thursday 26 November, because the
    # weekend and the holiday of 1 December are not counted. Not a day earlier.
    assert run(dt.date(2026, 11, 25)) == {"reminded": 0, "warned": 0, "blocked": 0}
    assert run(dt.date(2026, 11, 26))["reminded"] == 1
    assert run(dt.date(2026, 11, 27))["reminded"] == 0  # once only
    # The warning on the day it is due.
    assert run(dt.date(2026, 12, 3))["warned"] == 0
    assert run(DUE)["warned"] == 1
    # New initiatives stop after 10 working days late: Monday 21 December (Fridays, Saturdays
    # and the holiday of 8 December are not counted); Sunday 20 is only 9 days late.
    assert run(dt.date(2026, 12, 20))["blocked"] == 0
    assert run(dt.date(2026, 12, 21))["blocked"] == 1
    assert run(dt.date(2026, 12, 22)) == {"reminded": 0, "warned": 0, "blocked": 0}
    assert _actions(item) == [
        "joud.final_report.reminder_sent",
        "joud.final_report.warning_sent",
        "joud.final_report.submissions_blocked",
    ]
    sent = list(OutboxMessage.objects.filter(to="board@example.om").order_by("id"))
    assert len(sent) == 3
    assert item.public_code in sent[0].body and item.public_code in sent[2].body


def test_a_report_already_sent_is_not_escalated(organization, org_admin):
    item = _ended(organization)
    _file(item, org_admin)
    assert services.final_reports_escalate(today=dt.date(2027, 1, 31)) == {
        "reminded": 0,
        "warned": 0,
        "blocked": 0,
    }


@override_settings(JOUD_PUBLIC_HOLIDAYS=HOLIDAYS)
def test_submission_is_refused_while_a_report_is_10_working_days_late(organization, org_admin):
    _ended(organization)
    draft = draft_initiative(
        organization=organization, starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 3, 1)
    )
    with pytest.raises(BusinessError) as refused:
        services.initiative_submit(initiative=draft, actor=org_admin, today=dt.date(2026, 12, 21))
    assert "10" in str(refused.value) or "١٠" in str(refused.value)
    # A day earlier (9 working days late) it would have gone through.
    assert not services.initiative_rule_problems(draft, today=dt.date(2026, 12, 20))


@override_settings(JOUD_REPORT_BLOCK_WORKING_DAYS=3)
def test_the_block_is_configurable_and_lifts_once_the_report_is_sent(organization, org_admin):
    item = _ended(organization, due=dt.date(2026, 12, 6))
    draft = draft_initiative(
        organization=organization, starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 3, 1)
    )
    assert services.initiative_rule_problems(draft, today=dt.date(2026, 12, 9))
    _file(item, org_admin)
    assert not services.initiative_rule_problems(draft, today=dt.date(2026, 12, 9))


# ---- filing, the ministry's decision, publication ----------------------------------------------


def _fund(item, amount="300.000"):
    donation, attempt = make_donation(initiative=item, amount=amount)
    pay(attempt)
    return accounts.initiative_account(item)


def test_spending_by_purpose_is_read_from_the_ledger(organization):
    item = InitiativeFactory(organization=organization, goal=Decimal("500.000"))
    with scopes_disabled():
        fund = _fund(item)
        ledger_disburse(account=fund, amount=Decimal("120.000"), purpose=Purpose.ORPHANS,
                        reference="DSB-1", memo="kafala")  # fmt: skip
        ledger_disburse(account=fund, amount=Decimal("45.500"), purpose=Purpose.OPERATIONS,
                        reference="DSB-2")  # fmt: skip
        ledger_disburse(account=fund, amount=Decimal("30.000"), purpose=Purpose.ORPHANS,
                        reference="DSB-3")  # fmt: skip
        money = reporting.report_money(item)
    lines = {line.purpose: line.amount for line in money.lines}
    assert lines == {Purpose.ORPHANS: Decimal("150.000"), Purpose.OPERATIONS: Decimal("45.500")}
    assert money.spent == Decimal("195.500")
    assert money.budget == Decimal("500.000")
    assert money.lines[0].percent_of_budget == Decimal("30.0")
    assert money.raised == Decimal("300.000")
    # What is held is what the ledger says the fund holds.
    assert money.held == money.raised - money.admin_share - money.fees - money.spent


def test_accept_publishes_the_report_on_the_initiative_page(
    client, organization, org_admin, reviewer, django_capture_on_commit_callbacks
):
    item = _ended(organization)
    report = _file(item, org_admin, photos=[picture("basket.png", size=(800, 600))])
    item.refresh_from_db()
    assert item.state == State.REPORTED and report.state == FinalReport.State.SUBMITTED
    photo = FinalReportPhoto.unscoped.get(report=report)
    photo_url = f"/initiatives/{item.public_code}/report/photos/{photo.pk}/"
    page = client.get(item.get_absolute_url()).content.decode()
    assert report.narrative_ar not in page  # not published before the ministry accepts it
    assert client.get(photo_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        ministry.initiative_close(initiative=item, reviewer=reviewer, reason="")
    report.refresh_from_db()
    item.refresh_from_db()
    assert item.state == State.CLOSED
    assert report.state == FinalReport.State.ACCEPTED and report.published_at
    page = client.get(item.get_absolute_url()).content.decode()
    assert report.narrative_ar in page and report.narrative_en in page
    assert photo_url in page
    image = client.get(photo_url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert AuditLogEntry.objects.filter(action="joud.final_report.accepted").exists()


def test_changes_requested_then_filed_again(organization, org_admin, reviewer):
    item = _ended(organization)
    _file(item, org_admin, narrative_en="")
    ministry.initiative_return_report(
        initiative=item, reviewer=reviewer, reason="أضيفوا صور التوزيع"
    )
    item.refresh_from_db()
    report = FinalReport.unscoped.get(initiative=item)
    assert item.state == State.ENDED
    assert report.state == FinalReport.State.CHANGES_REQUESTED
    assert report.decision_reason == "أضيفوا صور التوزيع"
    with pytest.raises(BusinessError):  # no reason, no request for changes
        ministry.initiative_return_report(initiative=item, reviewer=reviewer, reason="")
    report = _file(item, org_admin, photos=[picture("a.jpg", fmt="JPEG")])
    assert report.submissions == 2 and report.state == FinalReport.State.SUBMITTED
    assert FinalReportPhoto.unscoped.filter(report=report).count() == 1
    ministry.initiative_close(initiative=item, reviewer=reviewer)
    report.refresh_from_db()
    assert report.is_published


def test_the_report_refuses_bad_input_with_a_message(organization, org_admin):
    item = _ended(organization)
    with pytest.raises(BusinessError) as short:
        _file(item, org_admin, narrative_ar="قصير")
    assert short.value.field == "narrative_ar"
    with pytest.raises(BusinessError) as negative:
        _file(item, org_admin, people_reached=-4)
    assert negative.value.field == "people_reached"
    fake = SimpleUploadedFile("photo.jpg", b"<html>not a picture</html>", "image/jpeg")
    with pytest.raises(BusinessError) as wrong:
        _file(item, org_admin, photos=[fake])
    assert wrong.value.field == "photos"
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice", "application/pdf")
    with pytest.raises(BusinessError):
        _file(item, org_admin, photos=[pdf])
    assert not FinalReport.unscoped.filter(initiative=item).exists()


def test_the_report_page_files_it_and_bad_input_is_a_form_error(org_client, organization):
    item = _ended(organization)
    url = f"/org/initiatives/{item.public_code}/report/"
    assert org_client.get(url).status_code == 200
    bad = org_client.post(url, {"narrative_ar": "قصير", "people_reached": "كثير"})
    assert bad.status_code == 400
    good = org_client.post(
        url,
        {
            "narrative_ar": "اشترينا ٢٠٠ سلة غذائية ووزعناها على الأسر في الولاية.",
            "people_reached": "640",
            "families_reached": "200",
            "photos": [picture("one.png", size=(300, 200)), picture("two.png", size=(300, 200))],
        },
    )
    assert good.status_code == 302
    report = FinalReport.unscoped.get(initiative=item)
    assert FinalReportPhoto.unscoped.filter(report=report).count() == 2
    assert report.people_reached == 640


def test_the_escalation_runs_on_the_periodic_scheduler():
    assert any(job.task is escalate_final_reports for job in REGISTRY.values())


def test_a_bounced_payment_reversed_by_a_new_entry_nets_out_of_its_purpose(organization):
    """A bounced transfer is reversed by a new DISBURSEMENT entry back into the fund (reference
    ``<payment>-B``, as joud.disbursements posts it): the report no longer counts it as spent."""
    item = InitiativeFactory(organization=organization)
    with scopes_disabled():
        fund = _fund(item)
        ledger_disburse(account=fund, amount=Decimal("80.000"), purpose=Purpose.ORPHANS,
                        reference="DSB-7")  # fmt: skip
        ledger_disburse(account=fund, amount=Decimal("20.000"), purpose=Purpose.ORPHANS,
                        reference="DSB-8")  # fmt: skip
        bank = accounts.organization_account(organization.pk, "bank")
        post_lines(
            kind=Transaction.Kind.DISBURSEMENT,
            organization_id=organization.pk,
            reference="DSB-7-B",
            memo="DSB-7 bounced",
            lines=[
                Line(bank.pk, Entry.Kind.DISBURSEMENT, debit=Decimal("80.000")),
                Line(fund.pk, Entry.Kind.DISBURSEMENT, credit=Decimal("80.000")),
            ],
        )
        money = reporting.report_money(item)
    assert [(line.purpose, line.amount) for line in money.lines] == [
        (Purpose.ORPHANS, Decimal("20.000"))
    ]
    assert money.spent == Decimal("20.000")
