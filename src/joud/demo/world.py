"""The demo world: realistic Arabic data, deterministic for a seed, created once.

``seed_demo`` runs the seeders in order. Each capability has a module here with ``seed(rng, world)`` (``APP_SEEDERS``)
and must be idempotent on its own (natural keys, get_or_create), so that a second run of
``make demo`` changes nothing and a database made before a capability landed gains its data.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from joud.accounts.models import User
from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.geo.models import Governorate, Wilayat
from joud.organizations.models import Membership, Organization
from joud.transparency.services import opendata_publish_if_missing

DEMO_PASSWORD = "Joud-demo-2026"  # noqa: S105 (printed for the demo on purpose)
# Fixed TOTP secrets for the demo staff, so a developer can add them to an authenticator app.
DEMO_TOTP_SECRETS = {
    "admin@demo.joud.om": "JOUDDEMOADMINTOTPSECRETKEY234567",
    "finance@demo.joud.om": "JOUDDEMOFINANCETOTPSECRETKEY2345",
    "caseworker@demo.joud.om": "JOUDDEMOCASEWORKERTOTPSECRETKEY2",
    "reviewer@demo.joud.om": "JOUDDEMOREVIEWERTOTPSECRETKEY234",
    "coordinator@demo.joud.om": "JOUDDEMOCOORDINATORTOTPSECRETKEY",
}

ORGANIZATIONS = [
    # slug, kind, Arabic, English, governorate code, wilayat (Arabic), licence
    ("khair-muscat", "association", "جمعية الخير الخيرية", "Al Khair Charitable Association", "MA", "بوشر", "MSD-AS-0142"),
    ("ataa-sohar", "association", "جمعية العطاء بصحار", "Al Ataa Association of Sohar", "BS", "صحار", "MSD-AS-0217"),
    ("rahma-salalah", "association", "جمعية الرحمة بصلالة", "Al Rahma Association of Salalah", "ZU", "صلالة", "MSD-AS-0098"),
    ("nizwa-team", "team", "فريق نزوى الخيري", "Nizwa Charity Team", "DA", "نزوى", "MSD-TM-0311"),
    ("sur-team", "team", "فريق صور التطوعي", "Sur Volunteer Team", "SJ", "صور", "MSD-TM-0402"),
    ("ibri-team", "team", "فريق عبري للخير", "Ibri Team for Good", "ZA", "عبري", "MSD-TM-0356"),
    ("rustaq-waqf", "waqf", "مؤسسة وقف الرستاق", "Rustaq Endowment Foundation", "BJ", "الرستاق", "MSD-WQ-0007"),
    ("ibra-association", "association", "جمعية إبراء الخيرية", "Ibra Charitable Association", "SS", "إبراء", "MSD-AS-0263"),
    ("khasab-team", "team", "فريق خصب الخيري", "Khasab Charity Team", "MU", "خصب", "MSD-TM-0418"),
    ("buraimi-association", "association", "جمعية البريمي للتكافل", "Al Buraimi Solidarity Association", "BU", "البريمي", "MSD-AS-0289"),
]  # fmt: skip

USERS = [
    # email, phone, name, role note
    ("donor@demo.joud.om", "+96891000001", "سالم بن خميس البلوشي", "donor"),
    ("admin@demo.joud.om", "+96891000002", "مريم بنت سعيد الحارثية", "admin"),
    ("finance@demo.joud.om", "+96891000003", "خالد بن ناصر الهنائي", "finance"),
    ("caseworker@demo.joud.om", "+96891000004", "عائشة بنت علي الكندية", "caseworker"),
    ("coordinator@demo.joud.om", "+96891000005", "يوسف بن حمد الريامي", "coordinator"),
    ("reviewer@demo.joud.om", "+96891000006", "أحمد بن سيف المعمري", "reviewer"),
    ("volunteer@demo.joud.om", "+96891000007", "ريم بنت عبدالله الشكيلية", "volunteer"),
]

INITIATIVES = [
    # title ar, title en, category, goal, urgent
    ("كفالة الأيتام لعام كامل", "Sponsor orphans for a full year", "orphans", "15000.000", False),
    (
        "وجبات مدرسية لطلاب الولاية",
        "School meals for the wilayat's pupils",
        "school_meals",
        "4800.500",
        False,
    ),
    (
        "كسوة العيد للأسر المحتاجة",
        "Eid clothing for families in need",
        "eid_clothing",
        "6250.000",
        True,
    ),
    ("بئر ماء صدقة جارية", "A water well as ongoing charity", "ongoing_charity", "9000.000", False),
    ("أضاحي العيد", "Eid sacrifices", "sacrifices", "12000.000", False),
    ("صندوق الزكاة", "Zakat fund", "zakat", None, False),
    (
        "ترميم منازل الأسر المعسرة",
        "Repairing the homes of families in hardship",
        "housing",
        "25000.000",
        True,
    ),
    (
        "إغاثة المتضررين من الأنواء المناخية",
        "Relief for those hit by the storm",
        "relief",
        "30000.000",
        True,
    ),
]


def _seed_core(rng: random.Random, world: dict) -> bool:
    created = False
    orgs = []
    for slug, kind, name_ar, name_en, gov_code, wilayat_ar, licence in ORGANIZATIONS:
        gov = Governorate.objects.get(code=gov_code)
        org, was_created = Organization.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name_ar": name_ar,
                "name_en": name_en,
                "governorate": gov,
                "wilayat": Wilayat.objects.get(governorate=gov, name_ar=wilayat_ar),
                "status": Organization.Status.ACTIVE,
                "licence_number": licence,
                "licence_expires_on": dt.date(2028, 12, 31),
                "description_ar": f"{name_ar} جهة مرخصة من وزارة التنمية الاجتماعية تعمل في ولاية {wilayat_ar}.",
                "description_en": f"{name_en} is licensed by the Ministry of Social Development.",
                "contact_email": f"info@{slug}.example.om",
            },
        )
        created |= was_created
        orgs.append(org)
    world["organizations"] = orgs

    users = {}
    for email, phone, name, role in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                phone=phone,
                password=DEMO_PASSWORD,
                full_name=name,
                phone_verified=True,
                is_ministry_reviewer=role == "reviewer",
                is_volunteer=role in ("volunteer", "coordinator"),
            )
            created = True
        users[role] = user
        if role in ("admin", "finance", "caseworker", "coordinator"):
            Membership.objects.get_or_create(user=user, organization=orgs[0], role=role)
        secret = DEMO_TOTP_SECRETS.get(email)
        if (
            secret
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, secret)
    world["users"] = users

    today = timezone.localdate()
    for i, org in enumerate(orgs):
        for j in range(3):
            title_ar, title_en, category, goal, urgent = INITIATIVES[(i + j * 3) % len(INITIATIVES)]
            if org.kind == "waqf" and j == 0:
                title_ar, title_en, category, goal, urgent = (
                    "وقف تعليمي لطلبة العلم", "An education endowment for students",
                    "education", "50000.000", False,
                )  # fmt: skip
            title_ar = f"{title_ar} - {org.wilayat.name_ar}"
            title_en = f"{title_en} – {org.wilayat.name_en}"
            if Initiative.objects.filter(organization=org, title_ar=title_ar).exists():
                continue
            starts = today - dt.timedelta(days=rng.randint(5, 60))
            initiative = Initiative.objects.create(
                organization=org,
                title_ar=title_ar,
                title_en=title_en,
                summary_ar=f"ساهم في {title_ar.split(' - ')[0]} في ولاية {org.wilayat.name_ar}.",
                summary_en=f"Help with: {title_en}.",
                story_ar="تعمل الجهة مع الأسر المستحقة في الولاية، وتنشر تقريراً بما أنفق من كل ريال.",
                story_en="The organization works with eligible families and reports on every rial spent.",
                category=category,
                goal=Decimal(goal) if goal else None,
                admin_share_percent=Decimal(rng.choice(["0", "1.00", "1.50", "2.00"])),
                state=Initiative.State.LIVE,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=rng.randint(60, 180)),
                is_urgent=urgent,
                is_featured=j == 0,
            )
            initiative.target_wilayats.add(org.wilayat)
            created = True
    return created


SEEDERS = ["joud.demo.world:_seed_core"]
APP_SEEDERS = [
    "campaigns",
    "donations",
    "volunteering",
    "beneficiaries",
    "disbursements",
    "debt_relief",  # after disbursements: its payment is not the showcase's first
    "endowments",
    "obligations",
    "reports",
    "scorecards",  # last: it scores what the others recorded
]


def _seeders():
    for path in SEEDERS:
        module, name = path.split(":")
        yield path, getattr(importlib.import_module(module), name)
    # Imported by name: the app seeders import this module's users and password.
    for app in APP_SEEDERS:
        yield f"joud.demo.{app}:seed", importlib.import_module(f"joud.demo.{app}").seed


def seed_demo(*, seed: int = 1447) -> tuple[bool, list[tuple[str, str, str]]]:
    created = False
    world: dict = {"seed": seed}
    with scopes_disabled():
        for name, seeder in _seeders():
            rng = random.Random(f"{seed}:{name}")
            with transaction.atomic():
                created |= bool(seeder(rng, world))
    opendata_publish_if_missing()  # the open-data files exist from the start, not tomorrow
    logins = [
        ("donor", "donor@demo.joud.om", "+96891000001 · no second factor"),
        ("association admin", "admin@demo.joud.om", _totp_note("admin@demo.joud.om")),
        ("finance officer", "finance@demo.joud.om", _totp_note("finance@demo.joud.om")),
        ("caseworker", "caseworker@demo.joud.om", _totp_note("caseworker@demo.joud.om")),
        (
            "volunteer coordinator",
            "coordinator@demo.joud.om",
            _totp_note("coordinator@demo.joud.om"),
        ),
        ("ministry reviewer", "reviewer@demo.joud.om", _totp_note("reviewer@demo.joud.om")),
        ("volunteer", "volunteer@demo.joud.om", "+96891000007 · no second factor"),
    ]
    return created, logins


def _totp_note(email: str) -> str:
    return f"TOTP secret {DEMO_TOTP_SECRETS[email]} (current code on /dev/outbox/)"
