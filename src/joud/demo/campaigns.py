"""Demo data for licensing and initiatives: every state of the life cycle, Arabic stories, drawn
cover pictures, updates with photos, pending licence applications, a warning and a suspension.

Idempotent: rows are found by natural keys (organization slug, initiative title) and pictures
are drawn only where missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from joud.campaigns.models import FinalReport, Initiative, InitiativeUpdate
from joud.core import uploads
from joud.core.audit import audit_log
from joud.core.dates import add_working_days
from joud.demo.covers import draw_cover
from joud.geo.models import Governorate, Wilayat
from joud.ministry.models import Sanction
from joud.organizations.models import Organization, OrganizationDocument

STORIES = {
    "orphans": "في الولاية أطفال فقدوا معيلهم، ويحتاجون إلى من يكفل تعليمهم وغذاءهم وكسوتهم طوال العام. "
    "تكفل الجمعية كل يتيم عبر باحثة اجتماعية تزور الأسرة كل شهر، وتنشر تقريراً بما صُرف من كل ريال.",
    "school_meals": "كثير من الطلبة يأتون إلى المدرسة دون إفطار. نوفر وجبة صحية يومية بالتعاون مع إدارة "
    "المدرسة ومطبخ محلي معتمد، ونقيس أثرها في حضور الطلبة وتحصيلهم.",
    "eid_clothing": "يفرح الأطفال بالعيد حين يلبسون الجديد. نشتري الكسوة من المحلات المحلية في الولاية "
    "ونسلّمها للأسر المستحقة قبل العيد بأسبوع، بكرامة ودون تشهير.",
    "ongoing_charity": "الماء حياة. نحفر بئراً في قرية بعيدة عن شبكة المياه، ونركّب مضخة تعمل بالطاقة الشمسية، "
    "فيبقى أجرها جارياً ما دام الناس يشربون منها.",
    "sacrifices": "نذبح الأضاحي في المسلخ البلدي وفق الشروط الشرعية والصحية، ونوزع لحومها على الأسر "
    "المسجلة في أيام العيد، ونرسل للمتبرع صورة وتأكيداً.",
    "zakat": "صندوق مخصص لأموال الزكاة وحدها، يُصرف في مصارفها الشرعية فقط، بإشراف لجنة شرعية، "
    "ومنفصل في الحسابات عن بقية التبرعات.",
    "housing": "بيوت قديمة تتسرب إليها مياه الأمطار، وأسر لا تقدر على ترميمها. نرمم الأسقف والجدران "
    "وشبكات الكهرباء بإشراف مهندس متطوع.",
    "relief": "خلّفت الأنواء المناخية أضراراً في المنازل والمزارع. نوفر السلال الغذائية والأغطية والمياه "
    "للأسر المتضررة، وننسق مع فرق الإغاثة في الولاية.",
    "education": "وقف تعليمي يُستثمر أصله وتُصرف عوائده على رسوم الطلبة المتفوقين من الأسر المحتاجة، "
    "ويبقى الأصل محفوظاً لا يُنفق.",
    "health": "مرضى الكلى يحتاجون إلى جلسات غسيل منتظمة وتنقل إلى المستشفى. نغطي تكاليف النقل والأدوية "
    "غير المتوفرة للمرضى من الأسر المعسرة.",
    "debt_relief": "أسر أثقلتها الديون حتى صدرت بحق معيلها أحكام. ندرس كل حالة مع الجهات المختصة ونسدد "
    "عن المعسرين فعلاً، ونتابع الأسرة بعد ذلك.",
    "zakat_fitr": "نجمع زكاة الفطر ونوزعها أرزاً وطحيناً وتمراً على المستحقين قبل صلاة العيد، "
    "كما أمر الشرع.",
    "in_kind": "نستقبل الأثاث والأجهزة المستعملة الصالحة، ونفحصها ونصلحها، ثم نسلمها للأسر التي تحتاجها.",
}

# The life cycle in the demo: (title ar, title en, category, state, offsets, goal, extra)
LIFECYCLE = [
    ("مسودة: حقيبة الطالب المدرسية", "Draft: the pupil's school bag", "education", "draft", (30, 90), "3000.000", {}),
    ("سلال رمضان الغذائية", "Ramadan food baskets", "relief", "submitted", (25, 60), "8000.000", {"submitted_days_ago": 2}),
    ("علاج مرضى الكلى", "Treatment for kidney patients", "health", "submitted", (18, 90), "20000.000", {"submitted_days_ago": 20}),
    ("سداد ديون الغارمين", "Paying the debts of those in hardship", "debt_relief", "approved", (10, 70), "15000.000", {}),
    ("زكاة الفطر للأسر المستحقة", "Zakat al-Fitr for families in need", "zakat_fitr", "ended", (-70, -3), "5000.000", {}),
    ("تأثيث منازل الأسر المعسرة", "Furnishing the homes of families in need", "in_kind", "ended", (-120, -40), "7000.000", {"overdue": True}),
    ("حفر بئر في قرية نائية", "Digging a well in a remote village", "ongoing_charity", "reported", (-150, -30), "9000.000", {}),
    ("أضاحي العام الماضي", "Last year's sacrifices", "sacrifices", "closed", (-400, -330), "12000.000", {}),
    ("جمع تبرعات بلا ترخيص واضح", "An appeal without a clear purpose", "relief", "rejected", (20, 50), "50000.000", {"reason": "الغرض غير محدد والهدف المالي مبالغ فيه."}),
    ("حملة موقوفة للتحقق", "A campaign suspended for checks", "health", "suspended", (-20, 40), "6000.000", {"reason": "بلاغات عن صور مضللة؛ قيد التحقق."}),
]  # fmt: skip

APPLICATIONS = [
    # slug, kind, ar, en, gov, wilayat, licence, status, days since applied, reason
    ("bahla-team", "team", "فريق بهلاء الخيري", "Bahla Charity Team", "DA", "بهلاء", "MSD-TM-0501", "pending", 3, ""),
    ("samail-association", "association", "جمعية سمائل الخيرية", "Samail Charitable Association", "DA", "سمائل", "MSD-AS-0377", "pending", 16, ""),
    ("duqm-team", "team", "فريق الدقم التطوعي", "Duqm Volunteer Team", "WU", "الدقم", "MSD-TM-0533", "changes_requested", 9, "أرفقوا شهادة تسجيل سارية ورقم الحساب البنكي باسم الفريق."),
    ("masirah-waqf", "waqf", "مؤسسة وقف مصيرة", "Masirah Endowment", "SS", "مصيرة", "MSD-WQ-0012", "pending", 1, ""),
]  # fmt: skip

SUSPENDED_ORG = ("shinas-team", "team", "فريق شناص للعطاء", "Shinas Giving Team", "BS", "شناص", "MSD-TM-0288")  # fmt: skip

UPDATES = [
    "وصلنا اليوم إلى نصف الهدف، شكراً لكل من ساهم. بدأنا الشراء من المحلات المحلية.",
    "سلّمنا الدفعة الأولى للأسر المستحقة بحضور ممثل عن الوزارة.",
    "زار فريقنا القرية وتأكد من جاهزية الموقع، وستبدأ الأعمال الأسبوع المقبل بإذن الله.",
]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _wilayat(gov_code: str, name_ar: str):

    gov = Governorate.objects.get(code=gov_code)
    return gov, (Wilayat.objects.filter(governorate=gov, name_ar=name_ar).first()
                 or Wilayat.objects.filter(governorate=gov).first())  # fmt: skip


def _cover(initiative, subtitle: str) -> bool:

    if initiative.cover_image:
        return False
    image = draw_cover(initiative.category, initiative.public_code, subtitle)
    initiative.cover_image.save(image.name, image, save=False)
    initiative.save(update_fields=["cover_image", "updated_at"])
    return True


def seed(rng, world) -> bool:
    created = False
    today = timezone.localdate()
    now = timezone.now()
    users = world.get("users") or {}
    reviewer = users.get("reviewer")
    orgs = world.get("organizations") or list(Organization.objects.filter(status="active"))
    if not orgs:
        return False

    # 1. Richer Arabic stories and a drawn cover for every existing initiative.
    generic = "تعمل الجهة مع الأسر المستحقة"
    for item in Initiative.objects.select_related("organization__wilayat"):
        if item.story_ar.startswith(generic) and item.category in STORIES:
            item.story_ar = STORIES[item.category] + "\n\n" + item.story_ar
            item.save(update_fields=["story_ar", "updated_at"])
            created = True
        wilayat = item.organization.wilayat
        created |= _cover(item, f"ولاية {wilayat.name_ar}" if wilayat else "")

    # 2. The whole life cycle at the first organization (the demo admin's).
    home = orgs[0]
    for title_ar, title_en, category, state, (start, end), goal, extra in LIFECYCLE:
        if Initiative.objects.filter(organization=home, title_ar=title_ar).exists():
            continue
        starts, ends = today + dt.timedelta(days=start), today + dt.timedelta(days=end)
        item = Initiative(
            organization=home,
            title_ar=title_ar,
            title_en=title_en,
            summary_ar=STORIES[category].split("،")[0][:280],
            summary_en=title_en,
            story_ar=STORIES[category],
            story_en="",
            category=category,
            goal=Decimal(goal),
            admin_share_percent=Decimal(rng.choice(["1.00", "1.50", "2.00"])),
            state=state,
            starts_on=starts,
            ends_on=ends,
        )
        if state != "draft":
            submitted = today - dt.timedelta(
                days=extra.get("submitted_days_ago", max(20 - start, 20))
            )
            item.submitted_at = now - (today - submitted)
            item.answer_due_on = add_working_days(submitted, 10)
        if state in ("approved", "ended", "reported", "closed", "rejected", "suspended"):
            item.decided_at = item.submitted_at + dt.timedelta(days=3)
        if state in ("ended", "reported", "closed"):
            item.ended_at = now - (today - ends)
            due = add_working_days(ends, 15)
            item.report_due_on = (
                due if not extra.get("overdue") else min(due, today - dt.timedelta(days=5))
            )
            if extra.get("overdue"):
                item.report_overdue_flagged_at = now
        if state in ("reported", "closed"):
            item.reported_at = now - dt.timedelta(days=4)
        if state in ("rejected", "suspended"):
            item.state_reason = extra["reason"]
        if state == "suspended":
            item.state_before_suspension = "live"
        item.is_urgent = category in ("relief", "health")
        item.save()
        item.target_wilayats.add(home.wilayat)
        if state in ("reported", "closed"):
            FinalReport.objects.create(
                organization=home,
                initiative=item,
                narrative_ar="جُمع المبلغ كاملاً، وصُرف على الغرض المعلن، والفواتير مرفقة لدى الجمعية.",
                people_reached=rng.randint(40, 400),
                state="accepted" if state == "closed" else "submitted",
                submissions=1,
                submitted_at=item.reported_at,
                published_at=now if state == "closed" else None,
            )
        _cover(item, f"ولاية {home.wilayat.name_ar}")
        audit_log(
            action=f"joud.initiative.{'created' if state == 'draft' else state}",
            actor=reviewer if state not in ("draft", "submitted") else None,
            target=item,
            data={"demo": True, "to": state, "reason": extra.get("reason", "")},
        )
        if state == "suspended":
            Sanction.objects.create(kind="suspension", organization=home, initiative=item,
                                    reason=extra["reason"], issued_by=reviewer)  # fmt: skip
        created = True
    if Initiative.objects.filter(
        organization=home, report_overdue_flagged_at__isnull=False
    ).exists():
        Organization.objects.filter(pk=home.pk).update(has_overdue_report=True)

    # 3. Updates with photos on a few live initiatives.
    for n, item in enumerate(
        Initiative.objects.filter(state="live", organization__in=orgs[:4]).order_by("pk")[:4]
    ):
        if InitiativeUpdate.objects.filter(initiative=item).exists():
            continue
        update = InitiativeUpdate(
            organization=item.organization,
            initiative=item,
            body_ar=UPDATES[n % len(UPDATES)],
            posted_by=users.get("admin"),
        )

        photo = draw_cover(item.category, f"update-{item.public_code}", "من الميدان")
        update.photo.save(f"update-{item.public_code}.jpg", photo, save=False)
        update.save()
        created = True

    # 4. Licence applications waiting for the ministry (one overdue, one sent back).
    for (
        slug,
        kind,
        name_ar,
        name_en,
        gov_code,
        wil_ar,
        licence,
        status,
        days,
        reason,
    ) in APPLICATIONS:
        if Organization.objects.filter(slug=slug).exists():
            continue
        gov, wilayat = _wilayat(gov_code, wil_ar)
        applied = today - dt.timedelta(days=days)
        org = Organization.objects.create(
            slug=slug, kind=kind, name_ar=name_ar, name_en=name_en, governorate=gov,
            wilayat=wilayat, licence_number=licence, status=status,
            description_ar=f"{name_ar} يعمل في ولاية {wilayat.name_ar} ويطلب الترخيص للعمل على منصة جود.",
            contact_name="سعيد بن علي الهنائي", contact_email=f"info@{slug}.example.om",
            contact_phone="+96891100200", bank_name="بنك مسقط", iban="OM600180000012345678901",
            applied_at=now - dt.timedelta(days=days), answer_due_on=add_working_days(applied, 10),
            status_reason=reason,
        )  # fmt: skip
        OrganizationDocument.objects.create(
            organization=org, kind="registration", original_name="شهادة-التسجيل.pdf",
            file=uploads.sealed(PDF, "pdf"), content_type=uploads.CONTENT_TYPES["pdf"],
            encrypted=True,
        )  # fmt: skip
        audit_log(action="joud.organization.applied", target=org, data={"demo": True})
        created = True

    # 5. A warning on record, and one organization whose licence is suspended.
    warned = orgs[1] if len(orgs) > 1 else orgs[0]
    if not Sanction.objects.filter(organization=warned, kind="warning").exists():
        Sanction.objects.create(
            kind="warning", organization=warned, issued_by=reviewer,
            reason="تأخر تقرير حملة سابقة عن موعده بخمسة أيام عمل.",
        )  # fmt: skip
        Organization.objects.filter(pk=warned.pk).update(warning_count=1)
        created = True
    slug, kind, name_ar, name_en, gov_code, wil_ar, licence = SUSPENDED_ORG
    if not Organization.objects.filter(slug=slug).exists():
        gov, wilayat = _wilayat(gov_code, wil_ar)
        org = Organization.objects.create(
            slug=slug, kind=kind, name_ar=name_ar, name_en=name_en, governorate=gov,
            wilayat=wilayat, licence_number=licence, status="suspended",
            licence_expires_on=today + dt.timedelta(days=700),
            status_reason="لم يُقدَّم تقرير حملتين سابقتين رغم الإنذار.",
            description_ar=f"{name_ar} فريق تطوعي في ولاية {wilayat.name_ar}.",
        )  # fmt: skip
        item = Initiative.objects.create(
            organization=org, title_ar="كسوة الشتاء لعمال المزارع", title_en="Winter clothes for farm workers",
            summary_ar="ملابس شتوية وبطانيات لعمال المزارع.", story_ar=STORIES["eid_clothing"],
            category="eid_clothing", goal=Decimal("2000.000"), state="live",
            starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=20),
        )  # fmt: skip
        _cover(item, f"ولاية {wilayat.name_ar}")
        Sanction.objects.create(kind="suspension", organization=org, issued_by=reviewer,
                                reason=org.status_reason)  # fmt: skip
        audit_log(action="joud.organization.suspended", actor=reviewer, target=org,
                  data={"demo": True, "reason": org.status_reason})  # fmt: skip
        created = True
    return created
