"""A small constructed world for the open-data tests, made through the services, with personal
data planted where the platform keeps it (donors, a dedication, a beneficiary, staff, a memo)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from joud.beneficiaries import services as case_services
from joud.campaigns.models import Initiative
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.donations.services import donation_refund
from joud.geo.models import Wilayat
from joud.ledger import accounts
from joud.ledger.services import ledger_disburse
from tests.beneficiaries.factories import make_case
from tests.donations.factories import general_fund_holds, make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory
from tests.fixtures.environment import ensure_geo

# Personal data that must never leave the platform through the open data.
DONOR_NAMES = ["زكريا بن حمود الحارثي", "Fatma Al-Rawahi", "مريم بنت سيف الكندي"]
DONOR_PHONES = ["+96892345671", "+96892345672", "+96892345673"]
DONOR_EMAILS = ["zakariya.harthi@example.om", "fatma.rawahi@example.om"]
DEDICATION = "إهداء إلى روح الوالدة عائشة بنت سالم"
GIFT_RECIPIENT = "هلال بن ناصر المعمري"
GIFT_RECIPIENT_PHONE = "+96893456789"
CIVIL_ID = "19283746"
BENEFICIARY_NAME = "خليفة بن عبدالله الشكيلي"
BENEFICIARY_PHONE = "97766554"
STAFF_NAME = "شيخة بنت علي البوسعيدي"
STAFF_PHONE = "+96894443322"
STAFF_EMAIL = "shaikha.staff@example.om"
MEMO = "دفعة إلى المورد سعيد بن راشد اليحيائي"


@dataclass
class World:
    org: object
    big: Initiative  # 6 donors, a refund, a disbursement
    small: Initiative  # 3 donors: its count is suppressed
    planted: list[str] = field(default_factory=list)


def _gift(initiative, amount, n, **kw):
    donation, attempt = make_donation(initiative=initiative, amount=amount, **kw)
    pay(attempt)
    return donation


def build_world() -> World:
    ensure_geo()
    with scopes_disabled():
        org = OrganizationFactory(
            contact_name=STAFF_NAME, contact_phone=STAFF_PHONE, contact_email=STAFF_EMAIL
        )
        muscat = list(Wilayat.objects.filter(governorate__code="MA").order_by("position")[:2])
        big = InitiativeFactory(organization=org, admin_share_percent=Decimal("2.00"))
        big.target_wilayats.set(muscat)
        small = InitiativeFactory(organization=org, category="school_meals")
        InitiativeFactory(organization=org, state=Initiative.State.DRAFT, title_ar="مسودة سرية")
        donations = []
        for n in range(6):
            donations.append(
                _gift(
                    big,
                    "10.000",
                    n,
                    donor_name=DONOR_NAMES[n % 3],
                    donor_phone=DONOR_PHONES[n % 3] if n < 3 else f"+9689111000{n}",
                    donor_email=DONOR_EMAILS[n % 2] if n < 2 else "",
                    dedication=DEDICATION if n == 0 else "",
                    gift_recipient_name=GIFT_RECIPIENT if n == 1 else "",
                    gift_recipient_phone=GIFT_RECIPIENT_PHONE if n == 1 else "",
                )
            )
        for n in range(3):
            _gift(small, "7.250", n, donor_phone=f"+9689222000{n}", donor_name=DONOR_NAMES[n])
        general_fund_holds(org, "5.000")
        donation_refund(donation=donations[5], amount=Decimal("4.000"), reason="طلب المتبرع")
        ledger_disburse(
            account=accounts.initiative_account(big),
            amount=Decimal("20.000"),
            purpose="orphans",
            reference="DSB-T-1",
            memo=MEMO,
        )
        worker = MembershipFactory(organization=org, role="caseworker").user
        worker.full_name = STAFF_NAME
        worker.save()
    with organization_scope(org):
        case = make_case(
            org,
            worker,
            full_name=BENEFICIARY_NAME,
            civil_id=CIVIL_ID,
            phone=BENEFICIARY_PHONE,
        )
        case_services.assessment_record(
            case=case,
            actor=worker,
            category="living",
            answers={"income_verified": True, "income_below_threshold": True},
        )
        case_services.case_decide(
            case=case, actor=worker, outcome="approve", reason="مستحق للمساعدة"
        )
    planted = [
        *DONOR_NAMES,
        *DONOR_PHONES,
        *DONOR_EMAILS,
        DEDICATION,
        GIFT_RECIPIENT,
        GIFT_RECIPIENT_PHONE,
        CIVIL_ID,
        BENEFICIARY_NAME,
        BENEFICIARY_PHONE,
        STAFF_NAME,
        STAFF_PHONE,
        STAFF_EMAIL,
        MEMO,
        "مسودة سرية",
        case.reference,
    ]
    return World(org=org, big=big, small=small, planted=planted)
