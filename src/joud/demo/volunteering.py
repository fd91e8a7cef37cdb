"""Demo volunteering: opportunities across the governorates, volunteers of several ages (a minor
with her guardian's consent among them), attendance, approved hours, a dispute, certificates.

Idempotent: volunteers are found by email, opportunities by (organization, Arabic title); an
opportunity's shifts and sign-ups are created only together with it, so a second run (on any
day) changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from joud.accounts.models import User
from joud.core.dates import ramadan_dates
from joud.core.tenancy import organization_scope
from joud.demo.world import DEMO_PASSWORD
from joud.geo.models import Wilayat
from joud.organizations.models import Organization
from joud.volunteering import services
from joud.volunteering.models import Application, HoursDispute, Opportunity, Shift, VolunteerProfile

VOLUNTEERS = [
    # email, phone, name, date of birth, wilayat, school, university, visibility
    ("volunteer@demo.joud.om", None, None, dt.date(2003, 4, 12), ("MA", "بوشر"), "",
     "جامعة السلطان قابوس", "name"),
    ("laila@demo.joud.om", "+96891000101", "ليلى بنت سالم الهنائية", "age:16", ("DA", "نزوى"),
     "مدرسة نزوى للتعليم الأساسي", "", "initials"),
    ("huda@demo.joud.om", "+96891000102", "هدى بنت يوسف المعولية", "age:17", ("MA", "السيب"),
     "مدرسة السيب الثانوية للبنات", "", "name"),
    ("mohammed@demo.joud.om", "+96891000103", "محمد بن خالد الرواحي", "age:19", ("MA", "السيب"),
     "", "جامعة السلطان قابوس", "name"),
    ("ahmed@demo.joud.om", "+96891000104", "أحمد بن سعيد البوسعيدي", "age:24", ("BS", "صحار"),
     "", "جامعة صحار", "initials"),
    ("fatma@demo.joud.om", "+96891000105", "فاطمة بنت علي الزدجالية", "age:35", ("MA", "مطرح"),
     "", "", "hidden"),
    ("saeed@demo.joud.om", "+96891000106", "سعيد بن حمد العامري", "age:52", ("ZU", "صلالة"),
     "", "", "name"),
    ("abdullah@demo.joud.om", "+96891000107", "عبدالله بن ناصر الكلباني", "age:67",
     ("MA", "بوشر"), "", "", "initials"),
]  # fmt: skip

GUARDIANS = {
    "laila@demo.joud.om": ("سالم بن محمد الهنائي", "+96899100201"),
    "huda@demo.joud.om": ("يوسف بن راشد المعولي", "+96899100202"),
}

# organization slug, title ar, title en, description ar, description en, skills, place ar,
# place en, latitude, longitude, min age, shifts: (days from today | "ramadan:N", hour, hours,
# capacity), sign-ups: list of (shift index, volunteer email, outcome)
OPPORTUNITIES = [
    ("khair-muscat", "إفطار صائم في رمضان", "Iftar for those fasting in Ramadan",
     "نجهّز وجبات الإفطار ونوزعها عند المساجد والإشارات قبيل المغرب.",
     "We prepare iftar meals and hand them out at mosques and junctions before sunset.",
     ["cooking", "logistics"], "مطبخ الجمعية في بوشر", "The association's kitchen, Bawshar",
     "23.573000", "58.399800", 14,
     [("ramadan:3", 16, 3, 20), ("ramadan:12", 16, 3, 20), ("ramadan:25", 16, 3, 20)],
     [(0, "volunteer@demo.joud.om", "approved:180"), (1, "volunteer@demo.joud.om", "approved:175"),
      (2, "volunteer@demo.joud.om", "approved:180"), (0, "mohammed@demo.joud.om", "approved:180"),
      (2, "huda@demo.joud.om", "approved:150"), (1, "abdullah@demo.joud.om", "approved:120")]),
    ("khair-muscat", "توزيع السلال الغذائية", "Food basket distribution",
     "نعبّئ السلال الغذائية في مستودع الجمعية ونوصلها إلى الأسر المستحقة في الولاية.",
     "We pack food baskets at the association's store and deliver them to families in need.",
     ["logistics", "driving"], "مستودع الجمعية، بوشر", "The association's store, Bawshar",
     "23.585900", "58.409200", 16,
     [(-20, 8, 4, 12), (-6, 8, 4, 12), (0, 8, 10, 12), (4, 8, 4, 3), (11, 8, 4, 12)],
     [(0, "volunteer@demo.joud.om", "approved:240"), (0, "mohammed@demo.joud.om", "approved:225"),
      (0, "fatma@demo.joud.om", "approved:240"), (1, "volunteer@demo.joud.om", "approved:200"),
      (1, "abdullah@demo.joud.om", "pending:230"), (1, "mohammed@demo.joud.om", "disputed:150"),
      (2, "mohammed@demo.joud.om", "checked_in"), (2, "volunteer@demo.joud.om", "accepted"),
      (3, "volunteer@demo.joud.om", "accepted"), (3, "mohammed@demo.joud.om", "accepted"),
      (3, "fatma@demo.joud.om", "accepted"), (3, "abdullah@demo.joud.om", "waitlisted"),
      (3, "huda@demo.joud.om", "consent_waitlisted"), (4, "huda@demo.joud.om", "pending_consent")]),
    ("ataa-sohar", "تنظيف شاطئ صحار", "Sohar beach clean-up",
     "حملة لتنظيف الشاطئ وفرز النفايات القابلة للتدوير مع طلاب المدارس.",
     "A beach clean-up with school pupils, sorting what can be recycled.",
     ["environment"], "شاطئ صحار قرب الكورنيش", "Sohar beach by the corniche",
     "24.364000", "56.746000", 12,
     [(-30, 7, 3, 40), (9, 7, 3, 40)],
     [(0, "ahmed@demo.joud.om", "approved:180"), (0, "volunteer@demo.joud.om", "approved:170"),
      (1, "ahmed@demo.joud.om", "accepted")]),
    ("rahma-salalah", "زيارة دار رعاية المسنين", "Visiting the elderly care home",
     "زيارة أسبوعية لكبار السن: قراءة وحديث وأنشطة خفيفة.",
     "A weekly visit to the elderly: reading, talking and light activities.",
     ["elderly_care"], "دار رعاية المسنين، صلالة", "Elderly care home, Salalah",
     "17.015000", "54.092000", 16,
     [(-13, 17, 2, 10), (6, 17, 2, 10)],
     [(0, "saeed@demo.joud.om", "approved:120"), (1, "saeed@demo.joud.om", "accepted")]),
    ("nizwa-team", "تقوية دراسية لطلاب الصف الخامس", "Tutoring for year-five pupils",
     "دروس تقوية في الرياضيات والقراءة لطلاب الصف الخامس بعد الدوام المدرسي.",
     "After-school lessons in maths and reading for year-five pupils.",
     ["teaching", "children"], "مدرسة نزوى للتعليم الأساسي", "Nizwa basic school",
     "22.933000", "57.530000", 15,
     [(-9, 15, 2, 8), (5, 15, 2, 8)],
     [(0, "laila@demo.joud.om", "consent_approved:110"), (1, "laila@demo.joud.om", "consent_accepted")]),
    ("sur-team", "ترميم منازل الأسر المعسرة", "Repairing homes of families in hardship",
     "طلاء وإصلاحات بسيطة لمنازل الأسر المعسرة بإشراف فنيين.",
     "Painting and small repairs to the homes of families in hardship, with technicians.",
     ["logistics"], "حي العيجة، صور", "Al Ayjah, Sur", "22.569000", "59.529000", 18,
     [(12, 7, 5, 15)], []),
    ("ibri-team", "حملة التبرع بالدم", "Blood donation drive",
     "تنظيم الحملة واستقبال المتبرعين بالتعاون مع بنك الدم.",
     "Running the drive and welcoming donors with the blood bank.",
     ["first_aid", "events"], "مجمع عبري الرياضي", "Ibri sports complex",
     "23.225000", "56.515000", 18,
     [(8, 9, 4, 10)], [(0, "mohammed@demo.joud.om", "accepted")]),
    ("ibra-association", "تجهيز كسوة العيد", "Preparing Eid clothing",
     "فرز الملابس الجديدة وتغليفها حسب المقاسات قبل توزيعها على الأسر.",
     "Sorting new clothes by size and wrapping them before they go to families.",
     ["logistics", "events"], "قاعة الجمعية، إبراء", "The association's hall, Ibra",
     "22.690000", "58.533000", 14, [(15, 16, 3, 25)], []),
    ("khasab-team", "تنظيف الأودية بعد الأمطار", "Clearing the wadis after the rains",
     "إزالة المخلفات من مجاري الأودية حفاظاً على البيئة وسلامة الطرق.",
     "Clearing debris from the wadis for the environment and the roads' safety.",
     ["environment", "driving"], "وادي خصب", "Wadi Khasab", "26.180000", "56.250000", 16,
     [(10, 7, 3, 30)], []),
    ("rustaq-waqf", "ترتيب مكتبة الوقف وفهرستها", "Sorting and cataloguing the endowment library",
     "فرز الكتب الموقوفة وتسجيلها في الفهرس الإلكتروني وتجهيزها للإعارة.",
     "Sorting the endowed books, entering them in the catalogue and readying them for loan.",
     ["it", "teaching"], "مكتبة الوقف، الرستاق", "The endowment library, Rustaq",
     "23.390000", "57.424000", 15, [(1, 9, 3, 6), (14, 9, 3, 6)],
     [(0, "volunteer@demo.joud.om", "accepted"), (0, "ahmed@demo.joud.om", "accepted"),
      (0, "abdullah@demo.joud.om", "accepted")]),
    ("buraimi-association", "فعالية يوم اليتيم", "Orphans' day celebration",
     "تنظيم فعاليات ومسابقات للأطفال الأيتام وأسرهم.",
     "Games and activities for orphaned children and their families.",
     ["children", "events", "media"], "حديقة البريمي العامة", "Al Buraimi public park",
     "24.250000", "55.790000", 15, [(18, 16, 4, 35)], []),
]  # fmt: skip


def _age(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28)) - dt.timedelta(days=40)


def _seed_volunteers(world) -> tuple[dict, bool]:

    created = False
    people = {}
    for email, phone, name, dob, (gov, wilayat), school, university, visibility in VOLUNTEERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                phone=phone,
                password=DEMO_PASSWORD,
                full_name=name,
                phone_verified=True,
                is_volunteer=True,
            )
            created = True
        if isinstance(dob, str):
            dob = _age(int(dob.split(":")[1]))
        _profile, was_created = VolunteerProfile.objects.get_or_create(
            user=user,
            defaults={
                "date_of_birth": dob,
                "wilayat": Wilayat.objects.get(governorate__code=gov, name_ar=wilayat),
                "school": school,
                "university": university,
                "leaderboard_visibility": visibility,
                "skills": ["logistics", "cooking"] if "volunteer@" in email else ["logistics"],
                "availability": ["weekday_evenings", "weekends", "ramadan_nights"],
            },
        )
        created |= was_created
        people[email] = user
    return people, created


def _moment(spec, hour: int) -> dt.datetime:
    if isinstance(spec, str):  # "ramadan:N": day N of Ramadan 1447 (February–March 2026)
        day = ramadan_dates(1447)[int(spec.split(":")[1]) - 1]
    else:
        day = timezone.localdate() + dt.timedelta(days=spec)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed(rng, world) -> bool:

    people, created = _seed_volunteers(world)
    coordinator = world.get("users", {}).get("coordinator")
    orgs = {o.slug: o for o in world.get("organizations") or Organization.objects.all()}
    issued = []
    for (slug, title_ar, title_en, desc_ar, desc_en, skills, place_ar, place_en, lat, lon,
         min_age, shift_specs, signups) in OPPORTUNITIES:  # fmt: skip
        org = orgs.get(slug)
        if org is None:
            continue
        with organization_scope(org):
            if Opportunity.objects.filter(title_ar=title_ar).exists():
                continue
            moments = [(_moment(spec, hour), hours, cap) for spec, hour, hours, cap in shift_specs]
            first = min(m for m, _h, _c in moments).date()
            last = max(m for m, _h, _c in moments).date()
            opportunity = Opportunity.objects.create(
                organization=org,
                title_ar=title_ar,
                title_en=title_en,
                description_ar=desc_ar,
                description_en=desc_en,
                skills=skills,
                wilayat=org.wilayat,
                place_ar=place_ar,
                place_en=place_en,
                latitude=lat,
                longitude=lon,
                starts_on=first - dt.timedelta(days=1),
                ends_on=last + dt.timedelta(days=1),
                min_age=min_age,
                status=Opportunity.Status.PUBLISHED,
            )
            created = True
            shifts = [
                Shift.objects.create(
                    organization=org,
                    opportunity=opportunity,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=hours),
                    capacity=cap,
                )
                for start, hours, cap in moments
            ]
            approver = coordinator if slug == "khair-muscat" else None
            for index, email, outcome in signups:
                _signup(shifts[index], people[email], outcome, approver, rng)
            for email in {
                e for _i, e, o in signups if o.startswith(("approved", "consent_approved"))
            }:
                issued.append((people[email], opportunity))
    for person, opportunity in issued:
        services.certificate_issue(volunteer=person, opportunity=opportunity, language="ar")
    if issued:  # the lead volunteer's yearly certificate, in both languages
        reem = people["volunteer@demo.joud.om"]
        for language in ("ar", "en"):
            services.certificate_issue(volunteer=reem, year=2026, language=language)
    return created


def _signup(shift, person, outcome: str, approver, rng) -> None:

    kind, _sep, minutes = outcome.partition(":")
    minutes = int(minutes or 0)
    now = timezone.now()
    application = Application(
        organization_id=shift.organization_id,
        shift=shift,
        volunteer=person,
        queued_at=shift.starts_at - dt.timedelta(days=3, minutes=rng.randint(0, 600)),
        decided_at=shift.starts_at - dt.timedelta(days=3),
    )
    if kind.startswith("consent") or kind == "pending_consent":
        guardian = GUARDIANS[person.email]
        application.guardian_name, application.guardian_phone = guardian
        application.consent_requested_at = application.queued_at
        if kind != "pending_consent":
            application.consent_given_at = application.queued_at + dt.timedelta(hours=2)
        kind = {
            "consent_approved": "approved",
            "consent_accepted": "accepted",
            "consent_waitlisted": "waitlisted",
        }.get(kind, kind)
    status = {
        "waitlisted": Application.Status.WAITLISTED,
        "pending_consent": Application.Status.PENDING_CONSENT,
    }.get(kind, Application.Status.ACCEPTED)
    application.status = status
    if kind in ("approved", "pending", "disputed", "checked_in"):
        application.checked_in_at = shift.starts_at - dt.timedelta(minutes=rng.randint(3, 15))
    if kind in ("approved", "pending", "disputed"):
        application.checked_out_at = shift.starts_at + dt.timedelta(minutes=minutes)
        application.minutes = minutes
        application.hours_status = Application.Hours.PENDING
    if kind in ("approved", "disputed"):
        application.hours_status = Application.Hours.APPROVED
        application.approved_minutes = minutes
        application.approved_by = approver
        application.approved_at = min(now, shift.ends_at + dt.timedelta(hours=20))
    application.save()
    if kind == "disputed":
        application.hours_status = Application.Hours.DISPUTED
        application.save(update_fields=["hours_status"])
        HoursDispute.objects.create(
            organization_id=shift.organization_id,
            application=application,
            reason="بقيت بعد انتهاء المناوبة ساعة ونصفاً لترتيب المستودع مع المنسق.",
            claimed_minutes=minutes + 90,
        )
