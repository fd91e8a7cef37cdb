"""Demo endowments: two waqfs of the Rustaq endowment foundation, shares given through the
sandbox gateway (one by the demo donor, so their space shows it), returns received over three
Hijri years (rent, investment income) and some of them paid out to the deeds' purposes.
Idempotent: nothing is added twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from joud.accounts.models import User
from joud.demo.disbursements import IBAN, _invoice_pdf
from joud.disbursements import services as disbursements
from joud.donations.services import accepted_events_apply, payment_attempt_start
from joud.endowments.models import Waqf
from joud.endowments.services import waqf_create, waqf_return_record, waqf_share_create
from joud.ledger.services import ledger_seal
from joud.organizations.models import Membership, Organization
from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox.hosted import complete

WAQFS = [
    {
        "slug": "rustaq-water",
        "name_ar": "وقف سقيا الماء",
        "name_en": "The water endowment",
        "purpose_ar": "توفير مياه الشرب للأسر المحتاجة في القرى الجبلية وصيانة الآبار.",
        "purpose_en": "Drinking water for families in need in the mountain villages, and keeping the wells.",
        "deed_ar": "أوقفتُ هذا المال لله تعالى وقفًا مؤبدًا، يُستثمر أصله ولا يُباع ولا يُوهب، ويُصرف ريعه على سقيا الماء للمحتاجين.",
        "deed_en": "This money is endowed for God for ever: its principal is invested, never sold or given away, and its returns provide water to people in need.",
        "purposes": ["construction", "food"],
        "shares": ["500.000", "250.000", "100.000", "1000.000", "50.000", "75.000"],
        # (days ago, kind, amount, what it was)
        "returns": [
            (520, "rent", "180.000", "إيجار محلين تجاريين"),
            (400, "investment", "95.500", "عائد وديعة استثمارية"),
            (230, "rent", "180.000", "إيجار محلين تجاريين"),
            (120, "investment", "110.250", "عائد صكوك"),
            (15, "rent", "190.000", "إيجار محلين تجاريين"),
        ],
        "payouts": [("construction", "شركة الينابيع لحفر الآبار", "1132209", "300.000", 200)],
    },
    {
        "slug": "rustaq-students",
        "name_ar": "وقف طلبة العلم",
        "name_en": "The students' endowment",
        "purpose_ar": "الرسوم الدراسية والكتب للطلبة من الأسر ذات الدخل المحدود.",
        "purpose_en": "School fees and books for students from families on low incomes.",
        "deed_ar": "وقفٌ مؤبد يُصرف ريعه على تعليم الطلبة المحتاجين.",
        "deed_en": "A perpetual endowment whose returns pay for the education of students in need.",
        "purposes": ["education"],
        "shares": ["300.000", "120.000", "60.000"],
        "returns": [
            (300, "investment", "64.000", "عائد وديعة"),
            (40, "rent", "85.000", "إيجار شقة"),
        ],
        "payouts": [("education", "مكتبة المعرفة للقرطاسية", "1143321", "70.000", 30)],
    },
]


def _staff(org) -> tuple[User, User]:
    """The foundation's finance officer (asks) and administrator (approves)."""
    people = []
    for role, name in (("finance", "خالد الرواحي"), ("admin", "مريم العبرية")):
        email = f"{role}@rustaq-waqf.demo.joud.om"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, full_name=name
        )
        Membership.objects.get_or_create(user=user, organization=org, role=role)
        people.append(user)
    return people[0], people[1]


def _give(waqf, amount: str, donor=None) -> None:
    share = waqf_share_create(
        waqf=waqf,
        amount=Decimal(amount),
        donor=donor,
        donor_name="" if donor else "فاعل خير",
        donor_phone="" if donor else "+96890000123",
    )
    attempt, _url = payment_attempt_start(donation=share.donation, return_url="/")
    complete(SandboxCharge.objects.get(reference=attempt.reference), outcome="succeeded")


def seed(rng, world) -> bool:
    org = Organization.objects.filter(slug="rustaq-waqf").first()
    if org is None or Waqf.unscoped.filter(slug=WAQFS[0]["slug"]).exists():
        return False
    finance, admin = _staff(org)
    donor = (world.get("users") or {}).get("donor")
    today = timezone.localdate()
    for n, spec in enumerate(WAQFS):
        waqf = waqf_create(
            organization=org,
            actor=admin,
            **{k: spec[k] for k in ("slug", "name_ar", "name_en", "purpose_ar", "purpose_en")},
            **{k: spec[k] for k in ("deed_ar", "deed_en", "purposes")},
        )
        for i, amount in enumerate(spec["shares"]):
            _give(waqf, amount, donor=donor if n == 0 and i == 0 else None)
        accepted_events_apply()  # the consumer, at once: no worker runs while the demo is seeded
        for days_ago, kind, amount, description in spec["returns"]:
            waqf_return_record(
                waqf=waqf,
                actor=finance,
                kind=kind,
                amount=Decimal(amount),
                received_on=today - dt.timedelta(days=days_ago),
                description=description,
            )
        for purpose, payee, cr, amount, days_ago in spec["payouts"]:
            item = disbursements.disbursement_create(
                organization=org,
                actor=finance,
                source=waqf.income_account,
                purpose=purpose,
                amount=Decimal(amount),
                payee_kind="supplier",
                payee_name=payee,
                commercial_registration=cr,
                bank_account=IBAN,
                planned_on=today - dt.timedelta(days=days_ago),
            )
            disbursements.evidence_add(
                disbursement=item,
                actor=finance,
                kind="invoice",
                file=_invoice_pdf(item.reference, cr, Decimal(amount)),
                is_public=True,
            )
            disbursements.disbursement_submit(disbursement=item, actor=finance)
            disbursements.disbursement_approve(disbursement=item, actor=admin)
            disbursements.disbursement_mark_paid(disbursement=item, actor=finance)
    ledger_seal(batch=5000)
    return True
