"""The matrix's world: two licensed associations with every kind of object, a pending one, and
a user for every role. Built once per test module (see conftest.py), through the factories and
services the rest of the suite uses.

Organization A owns every object the table's URLs point at; organization B has the same staff
roles and objects of its own. So each row proves both that A's staff reach A's objects and that
B's staff, holding the very same roles, never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from joud.beneficiaries import services as case_services
from joud.beneficiaries.models import DuplicateAlert
from joud.campaigns.models import FinalReportPhoto, Initiative
from joud.campaigns.services import final_report_submit
from joud.complaints.services import complaint_file
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.donations.models import PaymentAttempt
from joud.donations.recurring import recurring_plan_create
from joud.donations.services import donation_refund, payment_attempt_start
from joud.endowments.services import waqf_create, waqf_share_create
from joud.insights.models import Anomaly
from joud.obligations.services import fitr_programme_open
from joud.organizations.models import Organization, OrganizationDocument
from joud.privacy.registry import DataSubject
from joud.privacy.services.breaches import breach_record
from joud.privacy.services.rights import rights_request_open
from joud.receipts.services import receipt_for_donation
from joud.volunteering import services as volunteering_services
from joud.volunteering import tokens
from joud.volunteering.models import Application, HoursDispute, Opportunity
from tests.beneficiaries.factories import make_case
from tests.campaigns.factories import draft_initiative, pdf_file, picture
from tests.disbursements.factories import matrix_objects as disbursement_objects
from tests.donations.factories import general_fund_holds, make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.fixtures.environment import ensure_geo
from tests.fixtures.signin import login_with_totp
from tests.volunteering.factories import (
    ApplicationFactory,
    OpportunityFactory,
    ShiftFactory,
    volunteer,
)

ORG_ROLES = ("admin", "finance", "caseworker", "coordinator")

# Every role the matrix signs in as. ``*_a`` are organization A's staff (A owns the objects),
# ``*_b`` the same roles in organization B.
ROLES = (
    "anonymous",
    "donor",
    "other_donor",
    *(f"{role}_a" for role in ORG_ROLES),
    *(f"{role}_b" for role in ORG_ROLES),
    "applicant",  # the administrator of an organization still awaiting its licence
    "volunteer",
    "reviewer",  # ministry staff
    "platform_admin",  # the site's superuser
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)

    def mirror(self) -> World:
        """The same world seen from organization B: every object name points at B's object."""
        objects = {**self.objects, **self.objects["b"]}
        objects.update(org_a=self.objects["org_b"], org_b=self.objects["org_a"])
        return World(users=self.users, objects=objects, clients=self.clients)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _case_approved(org, worker, **applicant):
    case = make_case(org, worker, **applicant)
    case_services.assessment_record(
        case=case,
        actor=worker,
        category="living",
        answers={"income_verified": True, "income_below_threshold": True},
    )
    case_services.case_decide(case=case, actor=worker, outcome="approve", reason="مستحق")
    return case


def _organization_objects(org, staff, *, volunteer_user, donor) -> dict:
    objects = {}
    objects["live"] = InitiativeFactory(organization=org)
    objects["draft"] = draft_initiative(organization=org)
    objects["submitted"] = InitiativeFactory(organization=org, state=Initiative.State.SUBMITTED)
    objects["document"] = OrganizationDocument.objects.create(
        organization=org, kind="registration", file=pdf_file(), original_name="licence.pdf"
    )
    # Money: a paid gift of the signed-in donor (receipt, partial refund), a pending one.
    paid, _attempt = make_donation(initiative=objects["live"], amount="50.000", donor=donor)
    pay(_attempt)
    with scopes_disabled():
        paid.refresh_from_db()
        general_fund_holds(org, "1.000")  # a refund's gateway fee is the general fund's
        objects["refund"] = donation_refund(donation=paid, amount=Decimal("5.000"), reason="طلب")
        objects["receipt"] = receipt_for_donation(donation=paid)
    objects["paid"] = paid
    # Money out: a draft payment (private quotation) and a booked one (public invoice).
    objects.update(disbursement_objects(org, staff, objects["live"]))
    objects["pending"], objects["pending_attempt"] = make_donation(
        initiative=objects["live"], amount="7.000", donor=donor
    )
    with scopes_disabled():
        objects["plan"] = recurring_plan_create(
            organization=org,
            target="initiative",
            initiative=objects["live"],
            amount=Decimal("2.000"),
            frequency="monthly",
            donor_phone="+96891234567",
        )
    # Cases: one in work, one published for giving, one rejected and appealed.
    worker = staff["caseworker"]
    with organization_scope(org):
        objects["case"] = make_case(org, worker, civil_id="", phone="99887766")
        objects["case_document"] = case_services.document_add(
            case=objects["case"], actor=worker, kind="income", file=pdf_file()
        )
        published = _case_approved(org, worker, full_name="مريم بنت علي", civil_id="")
        objects["public_case"] = case_services.public_case_publish(
            case=published,
            actor=worker,
            title_ar="علاج طبيعي لطفل",
            story_ar="طفل يحتاج إلى جلسات علاج طبيعي لمدة ستة أشهر بعد حادث سير.",
            amount_needed="30",
        )
        rejected = make_case(org, worker, full_name="خالد بن سيف", civil_id="", phone="93334444")
        case_services.case_decide(case=rejected, actor=worker, outcome="reject", reason="الدخل")
        objects["appeal"] = case_services.appeal_record(
            case=rejected, actor=worker, grounds="تغير الدخل بعد فقدان العمل"
        )
        objects["rejected_case"] = rejected
    # Personal data: a beneficiary's access request on the case, a breach of the organization.
    with scopes_disabled():
        objects["rights_request"] = rights_request_open(
            subject=DataSubject(organization=org, case_reference=objects["case"].reference),
            kind="access",
            recorded_by=worker,
        )
        objects["breach"] = breach_record(
            title="رسالة إلى غير صاحبها",
            description="أرسلت رسالة إلى رقم خاطئ.",
            data_affected="الاسم",
            people_affected=1,
            organization=org,
            recorded_by=staff["admin"],
        )
    # An endowment (the organization is a waqf institution) and the donor's paid share in it.
    objects.update(_waqf_objects(org, staff["admin"], donor))
    # Volunteering: a published opportunity and a draft, a shift, the volunteer's approved
    # hours, their certificate and an open dispute.
    opportunity = OpportunityFactory(organization=org)
    objects["opportunity"] = opportunity
    objects["draft_opportunity"] = OpportunityFactory(
        organization=org, status=Opportunity.Status.DRAFT
    )
    shift = ShiftFactory(opportunity=opportunity, starts_at=_days_ago(5))
    objects["shift"] = shift
    objects["open_shift"] = ShiftFactory(opportunity=opportunity)
    application = ApplicationFactory(
        shift=shift,
        volunteer=volunteer_user,
        hours_status=Application.Hours.APPROVED,
        minutes=150,
        approved_minutes=150,
    )
    objects["application"] = application
    with scopes_disabled():
        objects["certificate"] = volunteering_services.certificate_issue(
            volunteer=volunteer_user, opportunity=opportunity
        )
        objects["dispute"] = HoursDispute.objects.create(
            organization=org, application=application, reason="خدمت أكثر", claimed_minutes=200
        )
        objects["certificate_token"] = tokens.certificate_token(
            objects["certificate"].content, objects["certificate"].signature
        )
    # A final report sent to the ministry (not yet published), with a photo.
    with scopes_disabled():
        reported = InitiativeFactory(organization=org, state=Initiative.State.ENDED)
        report = final_report_submit(
            initiative=reported,
            actor=staff["admin"],
            narrative_ar="وزعنا السلال على الأسر المستحقة في الولاية.",
            people_reached=12,
            photos=[picture("report.png", size=(200, 150))],
        )
        objects["reported"] = reported
        objects["report_photo"] = FinalReportPhoto.unscoped.get(report=report)
    objects["site_token"] = tokens.site_token(shift)
    objects["person_token"] = tokens.person_token(volunteer_user)
    objects["consent_token"] = tokens.consent_token(application)
    objects["card_code"] = volunteer_user.volunteer_profile.share_code
    return objects


def _waqf_objects(org, admin, donor) -> dict:
    with scopes_disabled():
        waqf = waqf_create(
            organization=org,
            actor=admin,
            name_ar=f"وقف سقيا الماء {org.slug}",
            name_en=f"Water endowment {org.slug}",
            purpose_ar="توفير الماء للأسر المحتاجة",
            deed_ar="أوقفتُ هذا المال لله تعالى، يُنفق ريعه على سقيا الماء.",
            purposes=["food"],
        )
        share = waqf_share_create(
            waqf=waqf, amount=Decimal("20.000"), donor=donor, donor_phone="+96891234567"
        )
        attempt, _url = payment_attempt_start(donation=share.donation, return_url="/")
        pay(PaymentAttempt.unscoped.get(pk=attempt.pk))
        # The organization collects zakat al-fitr too.
        programme = fitr_programme_open(organization=org, actor=admin)
    return {"waqf": waqf, "waqf_share": share, "fitr_programme": programme}


def _days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def build_world() -> World:
    ensure_geo()
    world = World()
    users = world.users
    users["donor"] = UserFactory(full_name="سالم البلوشي")
    users["other_donor"] = UserFactory(full_name="منى الحارثية")
    users["volunteer"] = volunteer()
    users["reviewer"] = UserFactory(is_ministry_reviewer=True)
    users["platform_admin"] = UserFactory(is_staff=True, is_superuser=True)
    # Both are waqf institutions too (the kind only decides who may constitute an endowment).
    org_a = OrganizationFactory(name_ar="جمعية أ", slug="org-a", kind="waqf")
    org_b = OrganizationFactory(name_ar="جمعية ب", slug="org-b", kind="waqf")
    pending = OrganizationFactory(
        name_ar="جمعية قيد الترخيص",
        slug="org-pending",
        status=Organization.Status.PENDING,
        licence_number="",
    )
    users["applicant"] = MembershipFactory(organization=pending, role="admin").user
    staff = {}
    for suffix, org in (("a", org_a), ("b", org_b)):
        staff[suffix] = {}
        for role in ORG_ROLES:
            user = MembershipFactory(organization=org, role=role).user
            users[f"{role}_{suffix}"] = staff[suffix][role] = user
    objects = world.objects
    objects.update(org_a=org_a, org_b=org_b, pending_org=pending)
    objects.update(
        _organization_objects(
            org_a, staff["a"], volunteer_user=users["volunteer"], donor=users["donor"]
        )
    )
    objects["b"] = _organization_objects(
        org_b, staff["b"], volunteer_user=users["other_donor"], donor=users["other_donor"]
    )
    with scopes_disabled():
        objects["duplicate"] = DuplicateAlert.objects.filter(
            organization_a__in=[org_a, org_b], organization_b__in=[org_a, org_b]
        ).first()
    with scopes_disabled():
        objects["complaint"] = complaint_file(
            organization=org_a, reason="misleading", details="صور مأخوذة من حملة أخرى."
        )
    # An anomaly raised to the ministry's review queue.
    objects["anomaly"] = Anomaly.objects.create(
        kind="unusual_initiative",
        subject=f"initiative:{objects['live'].pk}",
        reason="unusual_money",
        details={"raised": "50.000", "typical": "5.000", "peers": 4, "category": "food"},
        organization=org_a,
        initiative=objects["live"],
        raised_at=timezone.now(),
    )
    for role in ROLES:
        world.clients[role] = _client_for(users.get(role))
    return world


def _client_for(user) -> Client:
    client = Client(raise_request_exception=True)
    if user is None:
        return client
    if user.requires_two_factor:
        return login_with_totp(client, user)
    client.force_login(user)
    return client
