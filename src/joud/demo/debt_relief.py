"""Demo debt relief and licence expiry: two debt cases of the caseworker's organization (one held
for a debt, paid to the court and closed on its discharge; one with its creditor's statement
verified, awaiting payment), and a licence that ends in three weeks (its 30-day reminder due)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from joud.beneficiaries import services as cases
from joud.beneficiaries.models import Case
from joud.core.tenancy import organization_scope
from joud.demo.world import ORGANIZATIONS
from joud.disbursements import services as disbursements
from joud.disbursements.models import Disbursement
from joud.ledger import accounts
from joud.ledger.services import account_balance
from joud.organizations.models import Organization

COURT = "دائرة التنفيذ - المحكمة الابتدائية بمسقط"
COURT_IBAN = "OM810180000001299123456"
CREDITOR = "شركة الواحة للتمويل"
CREDITOR_IBAN = "OM770270000000987654321"
# The team whose licence ends soon (its administrator is reminded 30 and 7 days before).
EXPIRING_SLUG = ORGANIZATIONS[8][0]
EXPIRING_IN_DAYS = 21


def _document(title: str, reference: str) -> SimpleUploadedFile:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 8, f"Case {reference}", new_x="LMARGIN", new_y="NEXT")
    name = title.lower().replace(" ", "-")
    return SimpleUploadedFile(f"{name}.pdf", bytes(pdf.output()), content_type="application/pdf")


def _debt_case(org, worker, *, reference, name, civil_id, phone, needs):
    case = cases.case_create(
        organization=org,
        actor=worker,
        kind=Case.Kind.PERSON,
        category="debt",
        wilayat=org.wilayat,
        applicant={
            "full_name": name,
            "sex": "m",
            "birth_year": 1979,
            "civil_id": civil_id,
            "phone": phone,
            "monthly_income": "140",
        },
        monthly_income="140",
        needs=needs,
        consent_given=True,
    )
    Case.unscoped.filter(pk=case.pk).update(reference=reference)
    case.reference = reference
    cases.assessment_record(
        case=case,
        actor=worker,
        category="debt",
        answers={"debt_documents": True, "debt_for_necessities": True},
    )
    cases.case_decide(case=case, actor=worker, outcome="approve", reason="دين لضرورات المعيشة")
    return case


def _fund(org, amount: Decimal):
    for kind in ("zakat", "general"):
        account = accounts.organization_account(org, kind)
        if account_balance(account) >= amount:
            return account
    return None


def _expiring_licence(today: dt.date) -> None:
    org = Organization.objects.filter(slug=EXPIRING_SLUG).first()
    end = today + dt.timedelta(days=EXPIRING_IN_DAYS)
    if org is not None and (org.licence_expires_on is None or org.licence_expires_on > end):
        org.licence_expires_on = end
        org.save(update_fields=["licence_expires_on", "updated_at"])


def seed(rng, world) -> bool:
    orgs = world.get("organizations") or []
    users = world.get("users") or {}
    worker, requester, approver = (users.get(k) for k in ("caseworker", "finance", "admin"))
    if not orgs or None in (worker, requester, approver):
        return False
    today = timezone.localdate()
    _expiring_licence(today)
    org = orgs[0]
    if Case.unscoped.filter(reference="CS-DEBT01").exists():
        return False
    with organization_scope(org):
        held = _debt_case(
            org,
            worker,
            reference="CS-DEBT01",
            name="سعيد بن راشد بن حمد الغافري",
            civil_id="10293847",
            phone="92345671",
            needs="محبوس لدين إيجار متأخر؛ الأسرة بلا معيل",
        )
        order = cases.document_add(
            case=held, actor=worker, kind="court_order", file=_document("Court order", "DEBT01")
        )
        cases.document_verify(document=order, actor=worker)
        debt = cases.debt_record(
            case=held,
            actor=worker,
            payee="court",
            payee_name=COURT,
            payee_account=COURT_IBAN,
            amount_owed="380.750",
            court_reference="2026/ت/0415",
            held_for_debt=True,
        )
        fund = _fund(org, debt.amount_owed)
        if fund is not None:
            payment = disbursements.disbursement_create(
                organization=org,
                actor=requester,
                source=fund,
                purpose="debt_relief",
                amount=debt.amount_owed,
                payee_kind="creditor",
                payee_name=COURT,
                bank_account=COURT_IBAN,
                planned_on=today - dt.timedelta(days=12),
                case=held,
            )
            disbursements.disbursement_submit(disbursement=payment, actor=requester)
            disbursements.disbursement_approve(disbursement=payment, actor=approver)
            disbursements.disbursement_mark_paid(disbursement=payment, actor=requester)
            when = timezone.now() - dt.timedelta(days=12)
            Disbursement.unscoped.filter(pk=payment.pk).update(posted_at=when, paid_at=when)
            discharge = cases.document_add(
                case=held, actor=worker, kind="discharge", file=_document("Discharge", "DEBT01")
            )
            cases.document_verify(document=discharge, actor=worker)
            disbursements.debt_relief_discharge(debt=debt, actor=worker, document=discharge)

        waiting = _debt_case(
            org,
            worker,
            reference="CS-DEBT02",
            name="ناصر بن سليمان بن علي الحبسي",
            civil_id="10584736",
            phone="92345672",
            needs="أقساط متأخرة لعلاج ابنه؛ مهدد بالحبس",
        )
        statement = cases.document_add(
            case=waiting,
            actor=worker,
            kind="creditor_statement",
            file=_document("Creditor statement", "DEBT02"),
        )
        cases.document_verify(document=statement, actor=worker)
        cases.debt_record(
            case=waiting,
            actor=worker,
            payee="creditor",
            payee_name=CREDITOR,
            payee_account=CREDITOR_IBAN,
            amount_owed=Decimal("1215.400"),
        )
    world["debt_cases"] = [held, waiting]
    return True
