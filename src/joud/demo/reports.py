"""Demo data for final reports and complaints: a published final report with its photos, an
overdue one that the calendar escalated (reminder, warning, submissions stopped), and a complaint
the ministry upheld with a warning beside one still waiting in its queue."""

from __future__ import annotations

from django.utils import timezone

from joud.campaigns.models import FinalReport, FinalReportPhoto, Initiative
from joud.campaigns.services import final_reports_escalate
from joud.complaints.models import Complaint
from joud.complaints.services import complaint_file
from joud.core import uploads
from joud.core.dates import add_working_days
from joud.demo.covers import draw_cover
from joud.ministry.complaints import complaint_decide
from joud.organizations.models import Organization

NARRATIVE_EN = (
    "We bought and slaughtered the sacrifices in the licensed abattoir and delivered the meat "
    "to the registered families of the wilayat before the third day of Eid."
)
NARRATIVE_AR = (
    "اشترينا الأضاحي وذبحناها في المسلخ المرخص، ووزعنا اللحوم على الأسر المسجلة في الولاية "
    "قبل ثالث أيام العيد، مع فواتير الشراء وكشوف التسليم لدى الجمعية."
)


def _published_report(rng) -> bool:
    report = (
        FinalReport.objects.filter(state=FinalReport.State.ACCEPTED)
        .select_related("initiative")
        .order_by("pk")
        .first()
    )
    if report is None or FinalReportPhoto.objects.filter(report=report).exists():
        return False
    report.narrative_ar = NARRATIVE_AR
    report.narrative_en = NARRATIVE_EN
    report.people_reached = 1240
    report.families_reached = 310
    report.save()
    for n in range(2):
        image = draw_cover(report.initiative.category, f"report-{report.pk}-{n}", "من التوزيع")
        photo = FinalReportPhoto(
            organization_id=report.organization_id, report=report, original_name=f"{n + 1}.jpg"
        )
        sealed = uploads.sealed(image.read(), "jpg")
        photo.file.save(sealed.name, sealed, save=False)
        photo.save()
    return True


def _overdue_report() -> bool:
    """The demo's overdue report, made late enough to stop new initiatives, then escalated by
    the calendar as the scheduler would."""
    today = timezone.localdate()
    item = (
        Initiative.objects.filter(
            state=Initiative.State.ENDED, report_overdue_flagged_at__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if item is None or item.report_blocked_at is not None:
        return False
    Initiative.objects.filter(pk=item.pk).update(report_due_on=add_working_days(today, -12))
    final_reports_escalate(today=add_working_days(today, -17))  # the reminder
    final_reports_escalate(today=add_working_days(today, -12))  # the warning on the day
    final_reports_escalate(today=today)  # 12 working days late: submissions stopped
    return True


def _complaints(world) -> bool:
    if Complaint.objects.exists():
        return False
    reviewer = (world.get("users") or {}).get("reviewer")
    live = list(
        Initiative.objects.filter(
            state=Initiative.State.LIVE, organization__status=Organization.Status.ACTIVE
        ).order_by("pk")[:3]
    )
    if len(live) < 2 or reviewer is None:
        return False
    upheld = complaint_file(
        organization=live[1].organization,
        initiative=live[1],
        reason=Complaint.Reason.MISLEADING,
        details="صورة الغلاف مأخوذة من حملة في بلد آخر، وليست من الولاية.",
    )
    complaint_decide(
        complaint=upheld,
        reviewer=reviewer,
        outcome=Complaint.Outcome.WARNING,
        reason="ثبت أن الصورة ليست من الولاية؛ طُلب استبدالها.",
    )
    complaint_file(
        organization=live[0].organization,
        initiative=live[0],
        reason=Complaint.Reason.PRESSURE,
        details="تصلني رسائل متكررة تطلب التبرع رغم طلبي التوقف.",
        contact="99001122",
    )
    return True


def seed(rng, world) -> bool:
    created = _published_report(rng)
    created |= _overdue_report()
    created |= _complaints(world)
    return created
