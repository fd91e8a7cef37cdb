"""Donations → ``DailyRollup``, ``NationalDaily``, ``FunnelDay`` (checkouts, confirmed) and
``DonorProfile``/``CohortRollup``. Reads the donations in one streamed pass ordered by time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Greatest, Lower

from joud.accounts.models import User
from joud.core.money import MoneyField
from joud.donations.models import Donation, PaymentAttempt, RecurringCharge, RecurringPlan
from joud.insights.donors.consent import mark_contactable
from joud.insights.models import (
    CohortRollup,
    DailyRollup,
    DonorProfile,
    NationalDaily,
    NationalSlice,
)
from joud.insights.rollups.keys import (
    CONFIRMED_STATES,
    RECURRING,
    category_of,
    day_bounds,
    donor_key,
    hijri_of,
    local_day,
)

RAMADAN = 9
ANONYMOUS = "a:"
FIELDS = (
    "id",
    "organization_id",
    "initiative_id",
    "initiative__category",
    "public_case__category",
    "public_case__wilayat_id",
    "public_case__wilayat__governorate_id",
    "organization__governorate_id",
    "organization__wilayat_id",
    "target",
    "donor_id",
    "donor_email",
    "donor_phone",
    "donor_name",
    "is_anonymous",
    "given",  # the amount less what was refunded of it
    "confirmed_at",
    "is_recurring",
    "provider",
)


@dataclass(slots=True)
class Gift:
    id: int
    organization_id: int
    initiative_id: int | None
    initiative_category: str | None
    case_category: str | None
    case_wilayat_id: int | None
    case_governorate_id: int | None
    org_governorate_id: int | None
    org_wilayat_id: int | None
    target: str
    donor_id: int | None
    donor_email: str
    donor_phone: str
    donor_name: str
    is_anonymous: bool
    amount: Decimal
    confirmed_at: dt.datetime
    is_recurring: bool
    provider: str | None

    @property
    def key(self) -> str:
        """The donor's key; an anonymous gift gets a key of its own ("a:" + the donor's), so it
        is never folded into the profile that carries the donor's name."""
        return anonymous_aware_key(
            self.donor_id, self.donor_email, self.donor_phone, anonymous=self.is_anonymous
        )

    @property
    def place(self) -> tuple[int | None, int | None]:
        """(governorate, wilayat): the case's if it is a gift to a case, else the organization's."""
        if self.case_governorate_id:
            return self.case_governorate_id, self.case_wilayat_id
        return self.org_governorate_id, self.org_wilayat_id

    @property
    def channel(self) -> str:
        return RECURRING if self.is_recurring else (self.provider or "other")


def anonymous_aware_key(donor_id, email: str, phone: str, *, anonymous: bool) -> str:
    key = donor_key(donor_id, email, phone)
    return f"{ANONYMOUS}{key}" if anonymous and key else key


def confirmed_gifts(extra: Q | None = None) -> Iterator[Gift]:
    """Confirmed gifts, oldest first, each with the money it still gives: a refund takes its
    amount off (a gift refunded in full counts as a gift of nothing). Call with scopes off."""
    qs = (
        Donation.objects.filter(state__in=CONFIRMED_STATES, confirmed_at__isnull=False)
        .annotate(
            given=Greatest(
                F("amount") - F("refunded_amount"), Value(Decimal(0)), output_field=MoneyField()
            ),
            is_recurring=Exists(RecurringCharge.unscoped.filter(donation=OuterRef("pk"))),
            provider=Subquery(
                PaymentAttempt.unscoped.filter(donation=OuterRef("pk"), state="confirmed").values(
                    "provider"
                )[:1]
            ),
        )
        .order_by("confirmed_at", "id")
    )
    if extra is not None:
        qs = qs.filter(extra)
    for row in qs.values_list(*FIELDS).iterator(chunk_size=5000):
        yield Gift(*row)


def gifts_between(start: dt.date, end: dt.date) -> Iterator[Gift]:
    low, high = day_bounds(start, end)
    return confirmed_gifts(Q(confirmed_at__gte=low, confirmed_at__lt=high))


def gifts_of_donors(pairs: set[tuple[int, str]]) -> Iterator[Gift]:
    """Every confirmed gift of the given (organization, donor key) pairs."""
    if not pairs:
        return iter(())
    keys = {k.removeprefix(ANONYMOUS) for _o, k in pairs}
    ids = {int(k[2:]) for k in keys if k.startswith("u:")}
    emails = {k[2:] for k in keys if k.startswith("e:")}
    phones = {k[2:] for k in keys if k.startswith("p:")}
    orgs = {o for o, _k in pairs}
    cond = Q(donor_id__in=ids) | Q(donor__isnull=True, email_l__in=emails)
    cond |= Q(donor__isnull=True, donor_email="", donor_phone__in=phones)
    gifts = confirmed_gifts_annotated(Q(organization_id__in=orgs) & cond)
    return (g for g in gifts if (g.organization_id, g.key) in pairs)


def confirmed_gifts_annotated(cond: Q) -> Iterator[Gift]:
    qs = Donation.objects.annotate(email_l=Lower("donor_email")).filter(cond)
    return confirmed_gifts(Q(pk__in=qs.values("pk")))


# --- donor profiles -------------------------------------------------------------------------


@dataclass
class Profile:
    first: Gift
    last: Gift
    gifts: int = 0
    amount: Decimal = Decimal(0)
    months: set = field(default_factory=set)
    hijri_years: set = field(default_factory=set)
    ramadan_years: set = field(default_factory=set)


def build_profiles(gifts: Iterable[Gift]) -> dict[tuple[int, str], Profile]:
    """Gifts must come oldest first (``confirmed_gifts`` orders them)."""
    profiles: dict[tuple[int, str], Profile] = {}
    for gift in gifts:
        key = gift.key
        if not key:
            continue
        p = profiles.get((gift.organization_id, key))
        if p is None:
            p = profiles[(gift.organization_id, key)] = Profile(first=gift, last=gift)
        p.last = gift
        p.gifts += 1
        p.amount += gift.amount
        day = local_day(gift.confirmed_at)
        p.months.add((day.year, day.month))
        year, month, _d = hijri_of(day)
        p.hijri_years.add(year)
        if month == RAMADAN:
            p.ramadan_years.add(year)
    return profiles


def save_profiles(profiles: dict[tuple[int, str], Profile], *, replace_all: bool) -> None:
    plans = _active_plans({o for o, _k in profiles})
    accounts = _accounts({p.last.donor_id for p in profiles.values() if p.last.donor_id})
    rows = []
    for (org_id, key), p in profiles.items():
        last = p.last
        name, email, phone = accounts.get(last.donor_id, ("", "", ""))
        closed = last.donor_id and last.donor_id not in accounts  # never contact a closed account
        row = DonorProfile(
            organization_id=org_id,
            key=key,
            donor_id=last.donor_id,
            name="" if last.is_anonymous else (last.donor_name or name)[:150],
            email="" if closed else (last.donor_email or email),
            phone="" if closed else (last.donor_phone or phone),
            first_at=p.first.confirmed_at,
            last_at=last.confirmed_at,
            first_donation_id=p.first.id,
            last_amount=last.amount,
            gifts=p.gifts,
            amount=p.amount,
            months=len(p.months),
            hijri_years=sorted(p.hijri_years),
            ramadan_years=sorted(p.ramadan_years),
            has_plan=(org_id, key) in plans,
        )
        rows.append(row)
    mark_contactable(rows)
    if replace_all:
        DonorProfile.unscoped.all().delete()
    else:
        for org_id in {o for o, _k in profiles}:
            keys = [k for o, k in profiles if o == org_id]
            DonorProfile.unscoped.filter(organization_id=org_id, key__in=keys).delete()
    DonorProfile.unscoped.bulk_create(rows, batch_size=2000)


def _accounts(ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """A registered donor's name and contacts from their account (a gift may leave them blank)."""
    if not ids:
        return {}
    rows = User.objects.filter(pk__in=ids, is_active=True)
    return {
        pk: (name or "", email or "", phone or "")
        for pk, name, email, phone in rows.values_list("pk", "full_name", "email", "phone")
    }


def _active_plans(orgs: set[int]) -> set[tuple[int, str]]:
    plans = RecurringPlan.unscoped.filter(organization_id__in=orgs, state="active")
    return {
        (o, anonymous_aware_key(d, e, p, anonymous=a))
        for o, d, e, p, a in plans.values_list(
            "organization_id", "donor_id", "donor_email", "donor_phone", "is_anonymous"
        )
    }


def save_cohorts(org_ids: Iterable[int] | None) -> None:
    """Rewrite the Hijri-year cohorts of the given organizations (all when None) from profiles."""
    profiles = DonorProfile.unscoped.all()
    cohorts = CohortRollup.unscoped.all()
    if org_ids is not None:
        org_ids = list(org_ids)
        profiles = profiles.filter(organization_id__in=org_ids)
        cohorts = cohorts.filter(organization_id__in=org_ids)
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    for org_id, years in profiles.values_list("organization_id", "hijri_years").iterator(5000):
        if years:
            for year in years:
                counts[(org_id, years[0], year)] += 1
    cohorts.delete()
    CohortRollup.unscoped.bulk_create(
        [
            CohortRollup(organization_id=o, cohort=c, year=y, donors=n)
            for (o, c, y), n in counts.items()
        ],
        batch_size=2000,
    )


# --- daily rollups --------------------------------------------------------------------------


def build_rollups(gifts: Iterable[Gift], first_ids: set[int]) -> dict[tuple, list]:
    """(day, org, initiative, governorate, wilayat, category, channel) → [amount, gifts, new, returning]."""
    rows: dict[tuple, list] = {}
    for g in gifts:
        governorate, wilayat = g.place
        dims = (
            local_day(g.confirmed_at),
            g.organization_id,
            g.initiative_id,
            governorate,
            wilayat,
            category_of(g.target, g.initiative_category, g.case_category),
            g.channel,
        )
        row = rows.setdefault(dims, [Decimal(0), 0, 0, 0])
        row[0] += g.amount
        row[1] += 1
        if g.key:
            if g.id in first_ids:
                row[2] += 1
            else:
                row[3] += 1
    return rows


def save_rollups(rows: dict[tuple, list], start: dt.date | None, end: dt.date | None) -> None:
    """Replace the days [start, end] (every day when None) with ``rows``."""
    daily = DailyRollup.unscoped.all()
    national = NationalDaily.objects.all()
    slices = NationalSlice.objects.all()
    if start is not None:
        daily = daily.filter(day__range=(start, end))
        national = national.filter(day__range=(start, end))
        slices = slices.filter(day__range=(start, end))
    daily.delete()
    national.delete()
    slices.delete()
    DailyRollup.unscoped.bulk_create(
        [
            DailyRollup(
                day=d, organization_id=o, initiative_id=i, governorate_id=g, wilayat_id=w,
                category=c, channel=ch, amount=v[0], gifts=v[1], new_donors=v[2],
                returning_gifts=v[3],
            )
            for (d, o, i, g, w, c, ch), v in rows.items()
        ],
        batch_size=5000,
    )  # fmt: skip
    totals: dict[tuple, list] = {}
    for (d, _o, _i, g, w, c, ch), v in rows.items():
        t = totals.setdefault((d, g, w, c, ch), [Decimal(0), 0, 0, 0])
        for n in range(4):
            t[n] += v[n]
    NationalDaily.objects.bulk_create(
        [
            NationalDaily(
                day=d, governorate_id=g, wilayat_id=w, category=c, channel=ch, amount=v[0],
                gifts=v[1], new_donors=v[2], returning_gifts=v[3],
            )
            for (d, g, w, c, ch), v in totals.items()
        ],
        batch_size=5000,
    )  # fmt: skip
    cuts: dict[tuple, list] = {}
    for (d, _o, _i, g, _w, c, ch), v in rows.items():
        for dimension, value in (
            ("all", ""),
            ("governorate", str(g or "")),
            ("category", c),
            ("channel", ch),
        ):
            t = cuts.setdefault((d, dimension, value), [Decimal(0), 0, 0, 0])
            for n in range(4):
                t[n] += v[n]
    NationalSlice.objects.bulk_create(
        [
            NationalSlice(
                day=d, dimension=dim, value=val, amount=v[0], gifts=v[1], new_donors=v[2],
                returning_gifts=v[3],
            )
            for (d, dim, val), v in cuts.items()
        ],
        batch_size=5000,
    )  # fmt: skip
