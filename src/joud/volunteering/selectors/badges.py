"""Badges and levels: what a person's approved hours and donations have earned."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from joud.core.dates import to_hijri
from joud.core.tenancy import scopes_disabled
from joud.volunteering.models import Application
from joud.volunteering.selectors.giving import DonationSummary, donations_summary

TEN_HOURS = 10 * 60
RAMADAN_DAYS_FOR_BADGE = 3


@dataclass(frozen=True)
class Badge:
    code: str
    label: str
    description: str
    earned: bool
    symbol: str


LEVELS = [
    (0, _("New volunteer")),
    (10, _("Active giver")),
    (50, _("Dedicated giver")),
    (100, _("Ambassador of giving")),
]


def level_for(points: int) -> tuple[str, int | None]:
    """The level's name and the points needed for the next one (None at the top)."""
    name, nxt = LEVELS[0][1], None
    for i, (threshold, label) in enumerate(LEVELS):
        if points >= threshold:
            name = label
            nxt = LEVELS[i + 1][0] if i + 1 < len(LEVELS) else None
    return str(name), nxt


def ramadan_active_days(days: list[dt.date]) -> int:
    """The most distinct days of giving or volunteering within any one Ramadan."""
    per_year: dict[int, set] = defaultdict(set)
    for day in days:
        year, month, _day = to_hijri(day)
        if month == 9:
            per_year[year].add(day)
    return max((len(v) for v in per_year.values()), default=0)


def approved_applications(user):
    with scopes_disabled():
        return list(
            Application.objects.filter(volunteer=user, hours_status=Application.Hours.APPROVED)
            .select_related("shift__opportunity__organization")
            .order_by("shift__starts_at")
        )


def badges_for(user, *, approved=None, donations: DonationSummary | None = None) -> list[Badge]:
    approved = approved_applications(user) if approved is None else approved
    donations = donations_summary(user) if donations is None else donations
    total = sum(a.approved_minutes for a in approved)
    active_days = [a.shift.local_date for a in approved if a.approved_minutes] + donations.dates
    return [
        Badge(
            "first_donation",
            str(_("First donation")),
            str(_("Gave to a licensed initiative for the first time.")),
            donations.count >= 1,
            "♥",
        ),
        Badge(
            "first_shift",
            str(_("First shift")),
            str(_("Served a first volunteer shift.")),
            any(a.approved_minutes for a in approved),
            "✿",
        ),
        Badge(
            "ten_hours",
            str(_("Ten hours")),
            str(_("Ten approved hours of volunteering.")),
            total >= TEN_HOURS,
            "⌛",
        ),
        Badge(
            "ramadan",
            str(_("A Ramadan of giving")),
            str(_("Gave or volunteered on three days or more of one Ramadan.")),
            ramadan_active_days(active_days) >= RAMADAN_DAYS_FOR_BADGE,
            "☾",
        ),
        Badge(
            "fifty_hours",
            str(_("Fifty hours")),
            str(_("Fifty approved hours of volunteering.")),
            total >= 50 * 60,
            "★",
        ),
    ]
