"""A person's volunteering: sign-ups to come and past, hours by opportunity and year, badges."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from joud.accounts.models import User
from joud.core.tenancy import scopes_disabled
from joud.volunteering import tokens
from joud.volunteering.models import Application, Certificate, VolunteerProfile, minutes_as_hours
from joud.volunteering.selectors.badges import Badge, approved_applications, badges_for, level_for
from joud.volunteering.selectors.giving import DonationSummary, donations_summary


def profile_of(user) -> VolunteerProfile | None:
    if user is None or not user.is_authenticated:
        return None
    return VolunteerProfile.objects.filter(user=user).first()


def profile_by_share_code(code: str) -> VolunteerProfile | None:
    return VolunteerProfile.objects.select_related("user").filter(share_code=code).first()


def person_by_code(token: str) -> User | None:
    """The person whose personal QR code this is, or None for a code that is not one."""
    user_id = tokens.read_person_token(token)
    return User.objects.filter(pk=user_id).first() if user_id else None


@dataclass
class PersonSummary:
    profile: VolunteerProfile | None
    total_minutes: int
    by_opportunity: list[dict]
    by_year: list[dict]
    upcoming: list[Application]
    past: list[Application]
    certificates: list[Certificate]
    badges: list[Badge]
    donations: DonationSummary
    level: str
    points: int
    next_level_at: int | None

    @property
    def total_hours(self) -> Decimal:
        return minutes_as_hours(self.total_minutes)

    @property
    def earned_badges(self) -> list[Badge]:
        return [b for b in self.badges if b.earned]


def person_summary(user) -> PersonSummary:
    profile = VolunteerProfile.objects.filter(user=user).select_related("wilayat").first()
    approved = approved_applications(user)
    donations = donations_summary(user)
    now = timezone.now()
    with scopes_disabled():
        mine = list(
            Application.objects.filter(volunteer=user)
            .select_related("shift__opportunity__organization")
            .prefetch_related("disputes")
            .order_by("shift__starts_at")
        )
    upcoming = [a for a in mine if a.shift.ends_at > now and a.status in Application.ACTIVE]
    for a in upcoming:
        a.can_cancel = a.shift.starts_at > now
    past = [a for a in mine if a.shift.ends_at <= now and a.status == Application.Status.ACCEPTED]
    past.reverse()
    per_opp: dict[int, dict] = {}
    per_year: dict[int, int] = defaultdict(int)
    for a in approved:
        opp = a.shift.opportunity
        entry = per_opp.setdefault(opp.pk, {"opportunity": opp, "minutes": 0})
        entry["minutes"] += a.approved_minutes
        per_year[a.shift.local_date.year] += a.approved_minutes
    for entry in per_opp.values():
        entry["hours"] = minutes_as_hours(entry["minutes"])
    total = sum(a.approved_minutes for a in approved)
    points = total // 60 + donations.count
    level, next_at = level_for(points)
    return PersonSummary(
        profile=profile,
        total_minutes=total,
        by_opportunity=list(per_opp.values()),
        by_year=[
            {"year": y, "minutes": m, "hours": minutes_as_hours(m)}
            for y, m in sorted(per_year.items())
        ],
        upcoming=upcoming,
        past=past,
        certificates=list(Certificate.objects.filter(volunteer=user)),
        badges=badges_for(user, approved=approved, donations=donations),
        donations=donations,
        level=level,
        points=points,
        next_level_at=next_at,
    )
