"""Initiative funnels (visits → checkouts → confirmed), money paid out, and open needs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from joud.beneficiaries.models import Case, PublicCase
from joud.disbursements.models import Disbursement
from joud.donations.models import Donation
from joud.insights.models import DisbursementDaily, FunnelDay, NeedRollup
from joud.insights.rollups.keys import CONFIRMED_STATES, day_bounds, local_day, local_zone

OPEN_CASE_STATES = ("submitted", "open", "assessed", "approved", "appealed")


def save_funnel(start: dt.date, end: dt.date) -> None:
    """Checkouts (donations created) and confirmations per initiative and day; visits are
    kept (written by ``insights.visits``)."""
    low, high = day_bounds(start, end)
    zone = local_zone()
    counts: dict[tuple, list] = defaultdict(lambda: [0, 0, 0])
    started = (
        Donation.objects.filter(initiative__isnull=False, created_at__gte=low, created_at__lt=high)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day", "initiative_id", "organization_id")
        .annotate(n=Count("id"))
    )
    for day, initiative, org, n in started:
        counts[(day, initiative, org)][1] = n
    confirmed = (
        Donation.objects.filter(
            initiative__isnull=False,
            state__in=CONFIRMED_STATES,
            confirmed_at__gte=low,
            confirmed_at__lt=high,
        )
        .annotate(day=TruncDate("confirmed_at", tzinfo=zone))
        .values_list("day", "initiative_id", "organization_id")
        .annotate(n=Count("id"))
    )
    for day, initiative, org, n in confirmed:
        counts[(day, initiative, org)][2] = n
    existing = {
        (r.day, r.initiative_id): r for r in FunnelDay.unscoped.filter(day__range=(start, end))
    }
    changed, new = [], []
    for (day, initiative, org), (_v, checkouts, done) in counts.items():
        row = existing.pop((day, initiative), None)
        if row is None:
            new.append(
                FunnelDay(
                    day=day, initiative_id=initiative, organization_id=org,
                    checkouts=checkouts, confirmed=done,
                )
            )  # fmt: skip
        else:
            row.checkouts, row.confirmed = checkouts, done
            changed.append(row)
    for row in existing.values():  # a day whose donations are gone: keep its visits only
        row.checkouts = row.confirmed = 0
        changed.append(row)
    FunnelDay.unscoped.bulk_update(changed, ["checkouts", "confirmed"], batch_size=2000)
    FunnelDay.unscoped.bulk_create(new, batch_size=2000)


def save_disbursements(start: dt.date | None, end: dt.date | None) -> None:
    """Paid disbursements by paid day, organization, place and category (replacing the days)."""
    qs = Disbursement.objects.filter(paid_at__isnull=False, state="paid")
    out = DisbursementDaily.unscoped.all()
    if start is not None:
        low, high = day_bounds(start, end)
        qs = qs.filter(paid_at__gte=low, paid_at__lt=high)
        out = out.filter(day__range=(start, end))
    rows: dict[tuple, list] = {}
    fields = (
        "organization_id", "amount", "paid_at", "submitted_at", "created_at",
        "initiative__category", "case__category", "case__wilayat_id",
        "case__wilayat__governorate_id", "organization__governorate_id",
        "organization__wilayat_id", "purpose",
    )  # fmt: skip
    for (
        org,
        amount,
        paid,
        submitted,
        created,
        icat,
        ccat,
        cw,
        cg,
        og,
        ow,
        purpose,
    ) in qs.values_list(*fields).iterator(chunk_size=5000):
        place = (cg, cw) if cg else (og, ow)
        category = icat or (f"case:{ccat}" if ccat else purpose)
        waited = max(int((paid - (submitted or created)).total_seconds() // 3600), 0)
        row = rows.setdefault((local_day(paid), org, *place, category), [Decimal(0), 0, 0])
        row[0] += amount
        row[1] += 1
        row[2] += waited
    out.delete()
    DisbursementDaily.unscoped.bulk_create(
        [
            DisbursementDaily(
                day=d, organization_id=o, governorate_id=g, wilayat_id=w, category=c,
                amount=v[0], payments=v[1], waited_hours=v[2],
            )
            for (d, o, g, w, c), v in rows.items()
        ],
        batch_size=5000,
    )  # fmt: skip


def save_needs() -> None:
    """Open cases and the money their published appeals still need, per wilayat and category."""
    rows: dict[tuple, list] = defaultdict(lambda: [0, Decimal(0)])
    cases = (
        Case.objects.filter(status__in=OPEN_CASE_STATES)
        .values_list("wilayat__governorate_id", "wilayat_id", "category")
        .annotate(n=Count("id"))
    )
    for governorate, wilayat, category, n in cases:
        rows[(governorate, wilayat, category)][0] += n
    appeals = (
        PublicCase.objects.filter(status="published", case__status__in=OPEN_CASE_STATES)
        .values_list("wilayat__governorate_id", "wilayat_id", "category")
        .annotate(needed=Sum("amount_needed"), raised=Sum("amount_raised"))
    )
    for governorate, wilayat, category, needed, raised in appeals:
        rows[(governorate, wilayat, category)][1] += max((needed or 0) - (raised or 0), Decimal(0))
    NeedRollup.objects.all().delete()
    NeedRollup.objects.bulk_create(
        NeedRollup(governorate_id=g, wilayat_id=w, category=c, open_cases=v[0], still_needed=v[1])
        for (g, w, c), v in rows.items()
    )
