"""Demo money out: one initiative of the first association with itemised spending (each payment
booked and paid, with a public invoice and a public delivery photo beside a private quotation),
and one payment waiting for its second approval. Idempotent: nothing is added twice."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF
from PIL import Image, ImageDraw

from joud.campaigns.models import Initiative
from joud.core.money import quantize
from joud.disbursements import services
from joud.disbursements.models import Disbursement
from joud.ledger import accounts
from joud.ledger.services import account_balance, ledger_seal

IBAN = "OM600180000012345678901"
# Each line: purpose, payee kind, payee, commercial registration, share of the fund, days ago.
SPENDING = {
    "school_meals": [
        ("school_meals", "supplier", "مطبخ الولاية للوجبات", "1098765", "0.22", 24),
        ("school_meals", "supplier", "مخابز النخيل", "1176540", "0.12", 12),
        ("food", "supplier", "شركة الريف للمواد الغذائية", "1205588", "0.08", 4),
    ],
    "orphans": [
        ("orphans", "supplier", "مكتبة المعرفة للقرطاسية", "1143321", "0.15", 20),
        ("clothing", "supplier", "محلات الأناقة للملابس", "1187765", "0.10", 9),
        ("orphans", "supplier", "مركز الرعاية الصحية", "1160023", "0.06", 3),
    ],
}
SPENDING["ongoing_charity"] = [
    ("construction", "supplier", "شركة الينابيع لحفر الآبار", "1132209", "0.30", 26),
    ("construction", "supplier", "مؤسسة الخليج للمضخات", "1150874", "0.12", 14),
    ("construction", "supplier", "مصنع الوادي للخزانات", "1190456", "0.07", 5),
]
SPENDING["housing"] = [
    ("construction", "supplier", "مؤسسة البناء الحديث للمقاولات", "1128843", "0.25", 22),
    ("construction", "supplier", "معرض الجبل لمواد البناء", "1171190", "0.10", 10),
    ("construction", "supplier", "ورشة الأمانة للكهرباء", "1199032", "0.05", 3),
]
SPENDING["eid_clothing"] = [
    ("clothing", "supplier", "محلات الأناقة للملابس", "1187765", "0.25", 15),
    ("clothing", "supplier", "مؤسسة الخياط العماني", "1166430", "0.12", 8),
    ("clothing", "supplier", "مخازن الأسرة للأحذية", "1201187", "0.06", 2),
]
SPENDING["relief"] = [
    ("relief", "supplier", "شركة الريف للمواد الغذائية", "1205588", "0.20", 18),
    ("relief", "supplier", "مؤسسة الساحل للخيام والمستلزمات", "1144096", "0.12", 9),
    ("food", "supplier", "مخابز النخيل", "1176540", "0.05", 2),
]
DEFAULT_SPENDING = [
    ("general", "supplier", "مؤسسة البركة للتوريدات", "1219087", "0.20", 20),
    ("general", "supplier", "شركة الريف للمواد الغذائية", "1205588", "0.10", 9),
    ("general", "supplier", "مكتبة المعرفة للقرطاسية", "1143321", "0.05", 3),
]


def _invoice_pdf(
    reference: str, payee: str, amount: Decimal, name: str = "invoice"
) -> SimpleUploadedFile:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, f"{name.title()} for {reference}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 8, f"Supplier CR: {payee}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, f"Total: OMR {amount:.3f}", new_x="LMARGIN", new_y="NEXT")
    return SimpleUploadedFile(f"{name}.pdf", bytes(pdf.output()), content_type="application/pdf")


def _delivery_photo(seed: int) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 400), (236, 229, 214))
    draw = ImageDraw.Draw(image)
    for i in range(6):  # boxes on a pallet
        x = 60 + i * 90
        draw.rectangle([x, 180 - (seed * 7 + i * 13) % 40, x + 80, 330], fill=(176, 132, 82))
    draw.rectangle([40, 330, 600, 350], fill=(90, 70, 50))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("delivery.png", out.getvalue(), content_type="image/png")


def _showcase(org) -> Initiative | None:
    """The live (not zakat) initiative of ``org`` whose fund holds the most, one whose kind of
    spending the demo knows first."""
    best, most = None, (False, Decimal(0))
    for initiative in Initiative.objects.filter(organization=org, state=Initiative.State.LIVE):
        if initiative.is_zakat:
            continue
        held = account_balance(accounts.initiative_account(initiative))
        rank = (initiative.category in SPENDING, held)
        if held > 0 and rank > most:
            best, most = initiative, rank
    return best


def seed(rng, world) -> bool:
    orgs = world.get("organizations") or []
    users = world.get("users") or {}
    requester, approver = users.get("finance"), users.get("admin")
    if not orgs or requester is None or approver is None:
        return False
    org = orgs[0]
    if Disbursement.unscoped.filter(organization=org).exists():
        return False
    initiative = _showcase(org)
    if initiative is None:
        return False
    fund = accounts.initiative_account(initiative)
    held = account_balance(fund)
    today = timezone.localdate()
    lines = SPENDING.get(initiative.category, DEFAULT_SPENDING)
    for n, (purpose, kind, payee, cr, share, days_ago) in enumerate(lines):
        amount = quantize(held * Decimal(share))
        item = services.disbursement_create(
            organization=org,
            actor=requester,
            source=fund,
            purpose=purpose,
            amount=amount,
            payee_kind=kind,
            payee_name=payee,
            commercial_registration=cr,
            bank_account=IBAN,
            planned_on=today - dt.timedelta(days=days_ago),
        )
        services.evidence_add(
            disbursement=item,
            actor=requester,
            kind="quotation",
            file=_invoice_pdf(item.reference, cr, amount, "quotation"),
            is_public=False,
        )
        services.evidence_add(
            disbursement=item,
            actor=requester,
            kind="invoice",
            file=_invoice_pdf(item.reference, cr, amount),
            is_public=True,
        )
        services.evidence_add(
            disbursement=item,
            actor=requester,
            kind="delivery",
            file=_delivery_photo(n),
            is_public=True,
        )
        services.disbursement_submit(disbursement=item, actor=requester)
        services.disbursement_approve(disbursement=item, actor=approver)
        services.disbursement_mark_paid(disbursement=item, actor=requester)
        when = timezone.now() - dt.timedelta(days=days_ago)
        Disbursement.unscoped.filter(pk=item.pk).update(posted_at=when, paid_at=when)
    # One request waiting for the second member of the finance team.
    pending = services.disbursement_create(
        organization=org,
        actor=requester,
        source=fund,
        purpose=lines[0][0],
        amount=quantize(held * Decimal("0.05")),
        payee_kind="supplier",
        payee_name="مؤسسة البركة للتوريدات",
        commercial_registration="1219087",
        bank_account=IBAN,
        planned_on=today + dt.timedelta(days=3),
    )
    services.evidence_add(
        disbursement=pending,
        actor=requester,
        kind="quotation",
        file=_invoice_pdf(pending.reference, "1219087", pending.amount, "quotation"),
        is_public=False,
    )
    services.disbursement_submit(disbursement=pending, actor=requester)
    ledger_seal(batch=5000)
    world["disbursement_initiative"] = initiative
    return True
