"""Demo data for final reports and complaints: a published final report with its photos, an
overdue one that the calendar escalated (reminder, warning, submissions stopped), and a complaint
the ministry upheld with a warning beside one still waiting in its queue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.campaigns.services import (
    final_report_submit,
    final_reports_escalate,
    initiative_end_early,
)
from joud.complaints.models import Complaint
from joud.complaints.services import complaint_file
from joud.core.dates import add_working_days
from joud.demo.covers import draw_cover
from joud.donations.services import (
    accepted_events_apply,
    donation_create,
    payment_attempt_start,
)
from joud.ledger import accounts
from joud.ledger.services.spending import Purpose, ledger_disburse
from joud.ministry.complaints import complaint_decide
from joud.ministry.services import initiative_close
from joud.organizations.models import Membership, Organization
from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox.hosted import complete
from joud.payments.providers.sandbox.tasks import deliver_in_process_now

NARRATIVE_AR = (
    "كفلنا أربعين يتيماً طوال الفصل الدراسي: مصروف شهري يُحوَّل إلى أمهاتهم، ووجبة مدرسية "
    "يومية، وحقيبة مدرسية لكل طفل. الفواتير وكشوف الاستلام محفوظة لدى الجمعية."
)
NARRATIVE_EN = (
    "We sponsored forty orphans for the whole school term: a monthly allowance paid to their "
    "mothers, a daily school meal and a school bag for every child."
)


PUBLISHED_TITLE = "كفالة أيتام ولاية السيب"
GIFTS = ["500.000", "250.000", "1000.000", "120.000", "75.000", "300.000", "45.500", "200.000"]
SPENDING = [
    (Purpose.ORPHANS, "1450.000", "كفالات شهرية لأربعين يتيماً"),
    (Purpose.SCHOOL_MEALS, "320.000", "وجبات مدرسية"),
    (Purpose.OPERATIONS, "28.000", "نقل وتوزيع"),
]


def _published_report(world) -> bool:
    """An initiative taken the whole way through the services: gifts paid on the sandbox, money
    paid out of its fund for three purposes, ended, reported with photos, accepted, published."""
    users = world.get("users") or {}
    admin, reviewer = users.get("admin"), users.get("reviewer")
    membership = Membership.objects.filter(user=admin, role=Membership.Role.ADMIN).first()
    if membership is None or reviewer is None:
        return False
    org = membership.organization
    if Initiative.objects.filter(organization=org, title_ar=PUBLISHED_TITLE).exists():
        return False
    today = timezone.localdate()
    item = Initiative.objects.create(
        organization=org,
        title_ar=PUBLISHED_TITLE,
        title_en="Sponsoring the orphans of Seeb",
        summary_ar="كفالة أربعين يتيماً لمدة فصل دراسي كامل",
        summary_en="Forty orphans sponsored for a whole school term",
        story_ar="نكفل أربعين يتيماً من أسر الولاية: مصروف شهري ووجبة مدرسية وحقيبة.",
        category="orphans",
        goal=Decimal("2500.000"),
        admin_share_percent=Decimal("1.00"),
        state=Initiative.State.LIVE,
        starts_on=today - dt.timedelta(days=75),
        ends_on=today + dt.timedelta(days=5),
    )
    for n, amount in enumerate(GIFTS):
        donation = donation_create(
            organization=org,
            target="initiative",
            initiative=item,
            amount=Decimal(amount),
            donor_name=["فاعل خير", "أم سالم", "عائلة البلوشي", "Ahmed"][n % 4],
        )
        attempt, _url = payment_attempt_start(
            donation=donation, return_url=f"/give/thanks/{donation.reference}/"
        )
        charge = SandboxCharge.objects.get(reference=attempt.reference)
        for body in complete(charge, outcome="succeeded"):
            # Applied now as well as queued, in this process (no server is listening while the
            # demo is seeded): the money must be in the fund before it is spent (a second
            # delivery of the same event is a no-op).
            deliver_in_process_now(body.decode())
    accepted_events_apply()  # the consumer, at once: no worker runs while the demo is seeded
    fund = accounts.initiative_account(item)
    for n, (purpose, amount, memo) in enumerate(SPENDING, start=1):
        ledger_disburse(
            account=fund,
            amount=Decimal(amount),
            purpose=purpose,
            reference=f"DEMO-RPT-{item.public_code}-{n}",
            actor=admin,
            memo=memo,
        )
    initiative_end_early(initiative=item, actor=admin, reason="اكتمل الفصل الدراسي")
    photos = []
    for n in range(3):
        image = draw_cover(item.category, f"report-{item.public_code}-{n}", "من التوزيع")
        photos.append(ContentFile(image.read(), name=f"distribution-{n + 1}.jpg"))
    final_report_submit(
        initiative=item,
        actor=admin,
        narrative_ar=NARRATIVE_AR,
        narrative_en=NARRATIVE_EN,
        people_reached=40,
        families_reached=23,
        photos=photos,
    )
    initiative_close(initiative=item, reviewer=reviewer, reason="التقرير مكتمل والفواتير مطابقة")
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
    created = _published_report(world)
    created |= _overdue_report()
    created |= _complaints(world)
    return created
