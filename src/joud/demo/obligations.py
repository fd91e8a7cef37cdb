"""Demo zakat al-fitr and expiations, placed by the Hijri calendar relative to today: the
ministry's rates for last year and this year, two associations' fitr programmes, last Ramadan's
fitr gifts (dated inside last year's window, by Oman's announced month starts) and their
distribution recorded before the Eid prayer (one record late, to show the flag), and kaffarah
and fidya paid to a school-meals programme. Idempotent: nothing is added twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F

from joud.accounts.models import User
from joud.campaigns.models import Initiative
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.services import accepted_events_apply, payment_attempt_start
from joud.ledger.selectors import account_balance
from joud.ledger.services import DonationPosting, ledger_fold, ledger_post_donations, ledger_seal
from joud.obligations import rules
from joud.obligations.models import FitrGift, FitrProgramme, FitrRate, MealPrice
from joud.obligations.services import (
    expiation_gift_create,
    fitr_distribution_record,
    fitr_programme_open,
)
from joud.organizations.models import Membership, Organization
from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox.events import sandbox_fee
from joud.payments.providers.sandbox.hosted import complete
from joud.receipts.services import receipts_number_pending

PREFIX = "JDF-"
PROGRAMMES = {
    "khair-muscat": (
        "نجمع زكاة الفطر من أول رمضان ونوزعها أرزًا على الأسر المستحقة في ولايات مسقط قبل صلاة العيد.",
        "We collect zakat al-fitr from the first of Ramadan and hand it out as rice to eligible "
        "families in Muscat's wilayats before the Eid prayer.",
    ),
    "ataa-sohar": (
        "زكاة الفطر لأسر صحار المستحقة، تُسلَّم قبل صلاة العيد.",
        "Zakat al-fitr for eligible families in Sohar, handed over before the Eid prayer.",
    ),
}
# (persons, day of Ramadan, hour) for last year's gifts; the 27th and the last days busiest.
LAST_YEAR_GIFTS = [
    (1, 3, 21), (6, 10, 22), (4, 15, 20), (2, 20, 23), (7, 23, 21), (5, 25, 22),
    (3, 27, 0), (8, 27, 22), (1, 28, 21), (6, 29, 10), (4, 29, 23), (2, 1, 5),
]  # fmt: skip
NAMES = ["سعيد الحارثي", "فاطمة البلوشية", "محمد الكندي", "شيخة الرواحية", "علي المعمري"]


def _staff_of(org, users) -> tuple[User, User]:
    """The association's administrator and finance officer (the demo's own for the first)."""
    if users.get("admin") and org.memberships.filter(user=users["admin"]).exists():
        return users["admin"], users["finance"]
    people = []
    for role, name in (("admin", "سالمة الشكيلية"), ("finance", "حمد الغافري")):
        email = f"{role}@{org.slug}.demo.joud.om"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, full_name=name
        )
        Membership.objects.get_or_create(user=user, organization=org, role=role)
        people.append(user)
    return people[0], people[1]


def _rates(year: int, reviewer) -> None:
    for hijri_year, amount, meal in ((year - 1, "2.000", "0.600"), (year, "2.500", "0.750")):
        FitrRate.objects.get_or_create(
            hijri_year=hijri_year,
            defaults={
                "amount": Decimal(amount),
                "in_kind_ar": "صاع من الأرز (نحو ٢٫٥ كغ)",
                "in_kind_en": "a saa of rice (about 2.5 kg)",
                "set_by": reviewer,
            },
        )
        MealPrice.objects.get_or_create(
            hijri_year=hijri_year, defaults={"amount": Decimal(meal), "set_by": reviewer}
        )


def _last_years_gifts(programme: FitrProgramme, window: rules.FitrWindow, donor, first: int):
    """Last Ramadan's paid gifts, booked at the time they were made (like the demo's other
    historical gifts), each a fitr gift of last year's rate."""
    rate = FitrRate.objects.get(hijri_year=window.hijri_year).amount
    rows = []
    for i, (persons, day, hour) in enumerate(LAST_YEAR_GIFTS):
        start = window.opens.astimezone(rules.MUSCAT)
        when = start + dt.timedelta(days=day - 1, hours=hour)
        when = min(when, window.closes - dt.timedelta(hours=1))
        amount = rules.fitr_amount(persons, rate)
        rows.append((first + i, when, persons, amount, donor if i == 0 and donor else None))
    donations = Donation.unscoped.bulk_create(
        [
            Donation(
                reference=f"{PREFIX}{n:05d}",
                organization_id=programme.organization_id,
                target=Donation.Target.FITR,
                fund_account_id=programme.account_id,
                donor=user,
                donor_name=user.full_name if user else NAMES[n % len(NAMES)],
                donor_phone="" if user else f"+9689200{n:04d}",
                display_name="",
                is_anonymous=True,
                amount=amount,
                state=Donation.State.CONFIRMED,
                confirmed_at=when,
            )
            for n, when, _persons, amount, user in rows
        ]
    )
    attempts = PaymentAttempt.unscoped.bulk_create(
        [
            PaymentAttempt(
                organization_id=programme.organization_id,
                donation=d,
                number=1,
                reference=f"{d.reference}-P1",
                provider="sandbox",
                provider_reference=f"sbx_fitr_{n:05d}",
                amount=amount,
                state=PaymentAttempt.State.CONFIRMED,
                fee=sandbox_fee(amount),
                confirmed_at=when,
            )
            for (n, when, _p, amount, _u), d in zip(rows, donations, strict=True)
        ]
    )
    SandboxCharge.objects.bulk_create(
        [
            SandboxCharge(
                session_id=a.provider_reference,
                reference=a.reference,
                amount=a.amount,
                fee=a.fee,
                status=SandboxCharge.Status.SUCCEEDED,
                return_url=f"/give/thanks/{a.donation.reference}/",
                created_at=a.confirmed_at,
            )
            for a in attempts
        ]
    )
    refs = [d.reference for d in donations]
    Donation.unscoped.filter(reference__in=refs).update(
        created_at=F("confirmed_at"), updated_at=F("confirmed_at")
    )
    PaymentAttempt.unscoped.filter(donation__reference__in=refs).update(
        created_at=F("confirmed_at"), updated_at=F("confirmed_at")
    )
    ledger_post_donations(
        [
            DonationPosting(
                organization_id=programme.organization_id,
                reference=a.reference,
                provider="sandbox",
                fund_account_id=programme.account_id,
                amount=a.amount,
                admin_share=Decimal("0.000"),
                fee=a.fee,
                created_at=a.confirmed_at,
            )
            for a in attempts
        ]
    )
    gifts = FitrGift.unscoped.bulk_create(
        [
            FitrGift(
                organization_id=programme.organization_id,
                programme=programme,
                donation=d,
                hijri_year=window.hijri_year,
                persons=persons,
                rate=rate,
            )
            for (_n, _w, persons, _a, _u), d in zip(rows, donations, strict=True)
        ]
    )
    for gift, (_n, when, _p, _a, _u) in zip(gifts, rows, strict=True):
        FitrGift.unscoped.filter(pk=gift.pk).update(created_at=when)  # not "today"
    return sum(persons for _n, _w, persons, _a, _u in rows)


def seed(rng, world) -> bool:
    if FitrProgramme.unscoped.exists():
        return False
    orgs = {o.slug: o for o in Organization.objects.filter(slug__in=PROGRAMMES)}
    if not orgs:
        return False
    users = world.get("users") or {}
    reviewer, donor = users.get("reviewer"), users.get("donor")
    now = rules.current_moment()
    upcoming = rules.next_fitr_window(now)  # open now, or the next to open
    last = rules.fitr_window(upcoming.hijri_year - 1)  # the last one closed
    _rates(upcoming.hijri_year, reviewer)  # this year's and last year's
    number = 1
    for n, (slug, (text_ar, text_en)) in enumerate(PROGRAMMES.items()):
        org = orgs.get(slug)
        if org is None:
            continue
        admin, finance = _staff_of(org, users)
        programme = fitr_programme_open(
            organization=org, actor=admin, description_ar=text_ar, description_en=text_en
        )
        persons = _last_years_gifts(programme, last, donor if n == 0 else None, number)
        number += len(LAST_YEAR_GIFTS)
        # Handed out on the last night of Ramadan and at dawn on Eid, before the prayer; the
        # second association's last record came in after it (flagged late).
        held = account_balance(programme.account)
        first = (held * Decimal("0.6")).quantize(Decimal("0.001"))
        second = (held - first).quantize(Decimal("0.001"))
        fitr_distribution_record(
            programme=programme,
            actor=finance,
            families=max(1, persons * 6 // 10 // 5),
            persons=persons * 6 // 10,
            amount=first,
            note="أرز موزع ليلة العيد",
            now=last.closes - dt.timedelta(hours=10),
        )
        fitr_distribution_record(
            programme=programme,
            actor=finance,
            families=max(1, (persons - persons * 6 // 10) // 5),
            persons=persons - persons * 6 // 10,
            amount=second,
            note="أرز موزع فجر العيد",
            now=last.closes + (dt.timedelta(hours=3) if n == 1 else -dt.timedelta(hours=2)),
        )
    _expiations(users)
    ledger_seal(batch=5000)
    ledger_fold()
    receipts_number_pending(window=dt.timedelta(days=400), limit=200)
    return True


def _expiations(users) -> None:
    """Kaffarah and fidya paid today to a school-meals programme (the feeding category)."""
    meals = (
        Initiative.unscoped.filter(category="school_meals", state=Initiative.State.LIVE)
        .order_by("pk")
        .first()
    )
    if meals is None:
        return
    donor = users.get("donor")
    for kind, count, who in (("oath", 1, donor), ("fidya", 10, None), ("oath", 2, None)):
        gift = expiation_gift_create(
            initiative=meals,
            kind=kind,
            count=count,
            donor=who,
            donor_name="" if who else "فاعل خير",
            donor_phone="" if who else "+96892009999",
        )
        attempt, _url = payment_attempt_start(donation=gift.donation, return_url="/")
        complete(SandboxCharge.objects.get(reference=attempt.reference), outcome="succeeded")
    accepted_events_apply()
