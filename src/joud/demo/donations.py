"""Demo donations: three Hijri years of confirmed gifts shaped like real giving in Oman.

Peaks in Ramadan (above all its last ten nights, the 27th most), around Eid al-Adha and on
Fridays. Written in bulk (a few thousand rows, seconds on SQLite) together with their payment
attempts, balanced ledger postings (sealed and folded) and receipt numbers. Idempotent: demo
donations carry references ``JDD-nnnnn`` and nothing is written if they exist.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.core.dates import hijri_month_start, to_hijri
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.recurring import recurring_plan_create
from joud.ledger import accounts
from joud.ledger.models import Account
from joud.ledger.services import (
    DonationPosting,
    ledger_fold,
    ledger_post_donations,
    ledger_seal,
)
from joud.organizations.models import Organization
from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox.events import sandbox_fee
from joud.privacy.models import Consent, Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services.consent import consent_record_once
from joud.receipts.services import receipts_number_pending

DEMO_PREFIX = "JDD-"
DONATIONS = 3600
NAMES = [
    "سالم البلوشي", "مريم الحارثية", "خالد الهنائي", "عائشة الكندية", "يوسف الريامي",
    "أحمد المعمري", "ريم الشكيلية", "سعيد العامري", "فاطمة البوسعيدية", "ناصر الراشدي",
    "Hamed Al Said", "Layla Al Zadjali", "محمد السيابي", "زينب المقبالية", "عبدالله الغافري",
]  # fmt: skip
DEDICATIONS = ["", "", "", "", "عن روح والدي رحمه الله", "صدقة عن والدتي", "عن أهل بيتي"]
AMOUNTS = [
    "1.000", "2.000", "3.000", "5.000", "5.000", "10.000", "10.000", "10.000", "15.500",
    "20.000", "25.000", "50.000", "50.000", "100.000", "7.250", "12.750", "200.000", "0.500",
]  # fmt: skip


def _day_weight(day: dt.date) -> float:

    _y, month, hday = to_hijri(day)
    weight = 1.0
    if month == 9:  # Ramadan
        weight = 3.0
        if hday >= 20:  # the evenings that open the last ten nights
            weight = 9.0
        if hday == 26:  # the evening of the 27th night
            weight = 16.0
    elif month == 12 and hday <= 13:  # Dhu al-Hijjah: the ten days and Eid al-Adha
        weight = 4.0 if hday <= 10 else 2.5
    elif month == 10 and hday <= 3:  # Eid al-Fitr
        weight = 2.0
    if day.weekday() == 4:  # Friday
        weight *= 1.5
    return weight


def _days(today: dt.date) -> list[dt.date]:

    year, month, _d = to_hijri(today)
    start = hijri_month_start(year - 3, month)
    return [start + dt.timedelta(days=i) for i in range((today - start).days)]


def seed(rng, world) -> bool:

    if Donation.unscoped.filter(reference__startswith=DEMO_PREFIX).exists():
        return False
    orgs = list(Organization.objects.filter(status=Organization.Status.ACTIVE))
    if not orgs:
        return False
    initiatives = list(
        Initiative.objects.filter(state=Initiative.State.LIVE, organization__in=orgs)
    )
    org_accounts = {
        org.pk: {
            kind: accounts.organization_account(org, kind)
            for kind in (Account.Kind.GENERAL, Account.Kind.ZAKAT, Account.Kind.ADMIN)
        }
        for org in orgs
    }
    fund_of = {i.pk: accounts.initiative_account(i) for i in initiatives}
    donor_user = (world.get("users") or {}).get("donor")

    today = timezone.localdate()
    days = _days(today)
    weights = [_day_weight(d) for d in days]
    chosen = [(day, None) for day in rng.choices(days, weights=weights, k=DONATIONS)]
    # Recent gifts to the live initiatives, so their pages show real progress.
    for initiative in initiatives:
        start = max(initiative.starts_on or today, days[0])
        span = max((today - start).days, 1)
        for _i in range(rng.randint(8, 45)):
            chosen.append((start + dt.timedelta(days=rng.randrange(span)), initiative))
    chosen.sort(key=lambda pair: pair[0])
    tz = timezone.get_current_timezone()
    rows = []
    for n, (day, forced) in enumerate(chosen, start=1):
        # Evening giving: most gifts after iftar (18:00–01:00) in Ramadan, spread otherwise.
        hour = rng.choice([19, 20, 21, 22, 23, 10, 12, 17, 21, 22])
        when = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
        when = timezone.make_aware(when, tz)
        if when > timezone.now():
            when = timezone.now() - dt.timedelta(minutes=len(chosen) - n)
        live = [i for i in initiatives if i.starts_on is None or i.starts_on <= day]
        roll = rng.random()
        in_ramadan = to_hijri(day)[1] == 9
        if forced is not None or (live and roll < 0.75):
            initiative = forced or rng.choice(live)
            org_id, target, fund = initiative.organization_id, "initiative", fund_of[initiative.pk]
        else:
            initiative = None
            org_id = rng.choice(orgs).pk
            zakat = roll > (0.85 if in_ramadan else 0.93)
            target = "zakat" if zakat else "general"
            fund = org_accounts[org_id][Account.Kind.ZAKAT if zakat else Account.Kind.GENERAL]
        amount = Decimal(rng.choice(AMOUNTS))
        if in_ramadan and rng.random() < 0.3:
            amount *= 2
        percent = Decimal(min(initiative.admin_share_percent, 2)) if initiative else Decimal(0)
        anonymous = rng.random() < 0.3
        name = rng.choice(NAMES)
        rows.append(
            {
                "n": n,
                "when": when,
                "org_id": org_id,
                "target": target,
                "initiative": initiative,
                "fund": fund,
                "amount": amount,
                "percent": percent,
                "share": (amount * percent / 100).quantize(Decimal("0.001")),
                "fee": sandbox_fee(amount),
                "name": name,
                "anonymous": anonymous,
                "donor": donor_user if rng.random() < 0.04 else None,
                "dedication": rng.choice(DEDICATIONS),
            }
        )

    donations = Donation.unscoped.bulk_create(
        [
            Donation(
                reference=f"{DEMO_PREFIX}{r['n']:05d}",
                organization_id=r["org_id"],
                target=r["target"],
                initiative=r["initiative"],
                fund_account=r["fund"],
                donor=r["donor"],
                donor_name=r["donor"].full_name if r["donor"] else r["name"],
                is_anonymous=r["anonymous"],
                display_name="" if r["anonymous"] else r["name"],
                dedication=r["dedication"],
                amount=r["amount"],
                admin_share_percent=r["percent"],
                admin_share_amount=r["share"],
                state=Donation.State.CONFIRMED,
                confirmed_at=r["when"],
            )
            for r in rows
        ],
        batch_size=500,
    )
    attempts = PaymentAttempt.unscoped.bulk_create(
        [
            PaymentAttempt(
                organization_id=r["org_id"],
                donation=d,
                number=1,
                reference=f"{d.reference}-P1",
                provider="sandbox",
                provider_reference=f"sbx_demo_{r['n']:05d}",
                amount=r["amount"],
                state=PaymentAttempt.State.CONFIRMED,
                fee=r["fee"],
                confirmed_at=r["when"],
            )
            for r, d in zip(rows, donations, strict=True)
        ],
        batch_size=500,
    )
    # The sandbox gateway's own records of the same payments (its settlement report).
    SandboxCharge.objects.bulk_create(
        [
            SandboxCharge(
                session_id=a.provider_reference,
                reference=a.reference,
                amount=r["amount"],
                fee=r["fee"],
                status=SandboxCharge.Status.SUCCEEDED,
                return_url=f"/give/thanks/{a.donation.reference}/",
                created_at=r["when"],
            )
            for r, a in zip(rows, attempts, strict=True)
        ],
        batch_size=500,
    )
    # Historical timestamps (auto_now_add would say "today").
    Donation.unscoped.filter(reference__startswith=DEMO_PREFIX).update(
        created_at=F("confirmed_at"), updated_at=F("confirmed_at")
    )
    PaymentAttempt.unscoped.filter(reference__startswith=DEMO_PREFIX).update(
        created_at=F("confirmed_at"), updated_at=F("confirmed_at")
    )
    ledger_post_donations(
        [
            DonationPosting(
                organization_id=r["org_id"],
                reference=a.reference,
                provider="sandbox",
                fund_account_id=r["fund"].pk,
                amount=r["amount"],
                admin_share=r["share"],
                fee=r["fee"],
                created_at=r["when"],
            )
            for r, a in zip(rows, attempts, strict=True)
        ]
    )
    ledger_seal(batch=5000)
    ledger_fold()
    receipts_number_pending(window=dt.timedelta(days=4 * 366), limit=len(rows) + 10)
    if donor_user is not None:
        # The demo donor ticked "send me updates" when giving: the associations' donor lists
        # (thank, Ramadan regulars, plan invitations) may name them.
        consent_record_once(
            subject=DataSubject.of_user(donor_user),
            purpose=Purpose.UPDATES,
            method=Consent.Method.WEB,
            evidence="giving form (demo)",
        )
    if donor_user is not None and initiatives:
        recurring_plan_create(
            organization=initiatives[0].organization,
            target="initiative",
            initiative=initiatives[0],
            amount=Decimal("5.000"),
            frequency="ten_nights",
            donor=donor_user,
        )
    return True
