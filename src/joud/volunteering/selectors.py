"""Reads: what volunteers see, what coordinators see, badges, leaderboards, verification."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.dates import to_hijri
from joud.core.tenancy import scopes_disabled
from joud.volunteering import tokens
from joud.volunteering.models import (
    Application,
    Certificate,
    HoursDispute,
    Opportunity,
    Shift,
    VolunteerProfile,
)

TEN_HOURS = 10 * 60
RAMADAN_DAYS_FOR_BADGE = 3


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"))


# Opportunities -------------------------------------------------------------------------------


def open_opportunities(*, governorate=None, wilayat=None, skill: str = "", query: str = ""):
    """Published opportunities with a shift still to come, from every organization."""
    now = timezone.now()
    with scopes_disabled():  # the public list reads every organization's opportunities
        qs = (
            Opportunity.objects.filter(
                status=Opportunity.Status.PUBLISHED,
                shifts__starts_at__gt=now,
                organization__status="active",  # only licensed organizations recruit
            )
            .select_related("organization", "wilayat__governorate")
            .annotate(upcoming=Count("shifts", filter=Q(shifts__starts_at__gt=now), distinct=True))
            .order_by("starts_on", "id")
        )
        if governorate:
            qs = qs.filter(wilayat__governorate=governorate)
        if wilayat:
            qs = qs.filter(wilayat=wilayat)
        if query:
            qs = qs.filter(
                Q(title_ar__icontains=query)
                | Q(title_en__icontains=query)
                | Q(description_ar__icontains=query)
            )
        found = list(qs.distinct())
    if skill:  # in Python: JSON containment is not portable to SQLite (the demo's database)
        found = [o for o in found if skill in o.skills]
    return found


@dataclass
class ShiftView:
    shift: Shift
    accepted: int
    waitlisted: int
    mine: Application | None = None

    @property
    def free(self) -> int:
        return max(0, self.shift.capacity - self.accepted)


def opportunity_public(pk: int, *, user=None) -> tuple[Opportunity, list[ShiftView]] | None:
    with scopes_disabled():
        opportunity = (
            Opportunity.objects.select_related("organization", "wilayat__governorate")
            .filter(pk=pk)
            .exclude(status=Opportunity.Status.DRAFT)
            .first()
        )
        if opportunity is None:
            return None
        shifts = list(
            opportunity.shifts.filter(ends_at__gt=timezone.now()).annotate(
                n_accepted=Count("applications", filter=Q(applications__status="accepted")),
                n_waitlisted=Count("applications", filter=Q(applications__status="waitlisted")),
            )
        )
        mine = {}
        if user is not None and user.is_authenticated:
            mine = {
                a.shift_id: a
                for a in Application.objects.filter(
                    volunteer=user, shift__in=shifts, status__in=Application.ACTIVE
                )
            }
    return opportunity, [ShiftView(s, s.n_accepted, s.n_waitlisted, mine.get(s.pk)) for s in shifts]


def shift_public(pk: int) -> Shift | None:
    with scopes_disabled():
        return (
            Shift.objects.select_related("opportunity__organization", "opportunity__wilayat")
            .filter(pk=pk)
            .first()
        )


def application_of(user, pk: int) -> Application | None:
    with scopes_disabled():  # the person's own sign-up, whichever organization holds it
        return (
            Application.objects.select_related("shift__opportunity__organization")
            .filter(pk=pk, volunteer=user)
            .first()
        )


def application_for_consent(pk: int) -> Application | None:
    with scopes_disabled():
        return (
            Application.objects.select_related("shift__opportunity__organization", "volunteer")
            .filter(pk=pk)
            .first()
        )


# The person's profile -------------------------------------------------------------------------


@dataclass
class DonationSummary:
    count: int = 0
    dates: list[dt.date] = field(default_factory=list)


_DONATION_DONE_STATES = (
    "confirmed",
    "partially_refunded",
    "paid",
    "succeeded",
    "completed",
    "captured",
)


def donations_summary(user) -> DonationSummary:
    """Donations made by ``user``, read only if the donations app and its model exist.

    The giving side of the profile arrives with the donations app; until then this is zero.
    The model is introspected (donor field, state field, date field) rather than assumed.
    """
    if user is None or not getattr(user, "pk", None) or not apps.is_installed("joud.donations"):
        return DonationSummary()
    try:
        model = apps.get_model("donations", "Donation")
    except LookupError:
        return DonationSummary()
    fields = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    donor_field = next(
        (
            name
            for name in ("donor", "user", "donor_user", "created_by")
            if name in fields
            and fields[name].is_relation
            and fields[name].related_model is user_model
        ),
        None,
    )
    if donor_field is None:
        return DonationSummary()
    manager = getattr(model, "unscoped", model._default_manager)
    with scopes_disabled():
        qs = manager.filter(**{donor_field: user})
        for state_field in ("state", "status"):
            if state_field in fields and fields[state_field].choices:
                values = {str(v) for v, _label in fields[state_field].choices}
                done = [s for s in _DONATION_DONE_STATES if s in values]
                if done:
                    qs = qs.filter(**{f"{state_field}__in": done})
                break
        date_field = next(
            (n for n in ("confirmed_at", "paid_at", "created_at") if n in fields), None
        )
        if date_field is None:
            return DonationSummary(count=qs.count())
        moments = list(qs.values_list(date_field, flat=True))
    dates = [
        (timezone.localtime(m).date() if isinstance(m, dt.datetime) else m) for m in moments if m
    ]
    return DonationSummary(count=len(moments), dates=dates)


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
        return hours(self.total_minutes)

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
        entry["hours"] = hours(entry["minutes"])
    total = sum(a.approved_minutes for a in approved)
    points = total // 60 + donations.count
    level, next_at = level_for(points)
    return PersonSummary(
        profile=profile,
        total_minutes=total,
        by_opportunity=list(per_opp.values()),
        by_year=[{"year": y, "minutes": m, "hours": hours(m)} for y, m in sorted(per_year.items())],
        upcoming=upcoming,
        past=past,
        certificates=list(Certificate.objects.filter(volunteer=user)),
        badges=badges_for(user, approved=approved, donations=donations),
        donations=donations,
        level=level,
        points=points,
        next_level_at=next_at,
    )


# Leaderboards --------------------------------------------------------------------------------

LEADERBOARD_KINDS = {
    "school": "volunteer__volunteer_profile__school",
    "university": "volunteer__volunteer_profile__university",
    "wilayat": "volunteer__volunteer_profile__wilayat",
}


def leaderboard_groups(kind: str, *, limit: int = 20) -> list[dict]:
    """Schools, universities or wilayats by approved hours (everyone counts; no names here)."""
    path = LEADERBOARD_KINDS[kind]
    with scopes_disabled():
        rows = list(
            Application.objects.filter(hours_status=Application.Hours.APPROVED)
            .exclude(**{f"{path}__isnull": True})
            .exclude(**{path: ""} if kind != "wilayat" else {})
            .values(path)
            .annotate(minutes=Sum("approved_minutes"), people=Count("volunteer", distinct=True))
            .order_by("-minutes")[:limit]
        )
    names = {}
    if kind == "wilayat":
        from joud.geo.models import Wilayat

        names = {w.pk: w.name for w in Wilayat.objects.filter(pk__in=[r[path] for r in rows])}
    return [
        {
            "key": str(r[path]),
            "name": names.get(r[path], r[path]) if kind == "wilayat" else r[path],
            "hours": hours(r["minutes"]),
            "people": r["people"],
        }
        for r in rows
    ]


def leaderboard_people(kind: str, key: str, *, limit: int = 20) -> list[dict]:
    """The people of one school/university/wilayat by hours. Hidden people are never listed."""
    path = LEADERBOARD_KINDS[kind]
    if kind == "wilayat":
        try:
            key = int(key)
        except (TypeError, ValueError):
            return []
    with scopes_disabled():
        rows = list(
            Application.objects.filter(hours_status=Application.Hours.APPROVED, **{path: key})
            .exclude(volunteer__volunteer_profile__leaderboard_visibility="hidden")
            .values("volunteer")
            .annotate(minutes=Sum("approved_minutes"))
            .order_by("-minutes", "volunteer")[:limit]
        )
    profiles = {
        p.user_id: p
        for p in VolunteerProfile.objects.filter(
            user_id__in=[r["volunteer"] for r in rows]
        ).select_related("user")
    }
    people = []
    for row in rows:
        profile = profiles.get(row["volunteer"])
        name = profile.public_name() if profile else None
        if name is None:  # hidden, or no name: never listed
            continue
        people.append({"rank": len(people) + 1, "name": name, "hours": hours(row["minutes"])})
    return people


# Coordinators --------------------------------------------------------------------------------


def coordinator_overview(organization):
    """Inside the organization's scope (the view's decorator sets it)."""
    now = timezone.now()
    opportunities = list(
        Opportunity.objects.filter(organization=organization).select_related("wilayat")
    )
    shifts = list(
        Shift.objects.filter(ends_at__gt=now - dt.timedelta(days=14))
        .select_related("opportunity")
        .annotate(
            n_accepted=Count("applications", filter=Q(applications__status="accepted")),
            n_waitlisted=Count("applications", filter=Q(applications__status="waitlisted")),
            n_pending_hours=Count("applications", filter=Q(applications__hours_status="pending")),
        )
        .order_by("starts_at")
    )
    disputes = list(
        HoursDispute.objects.filter(status=HoursDispute.Status.OPEN).select_related(
            "application__volunteer", "application__shift__opportunity"
        )
    )
    return {"opportunities": opportunities, "shifts": shifts, "disputes": disputes}


def roster(shift: Shift) -> list[Application]:
    """Inside the organization's scope: everyone who signed up, the waiting list in order."""
    order = {"accepted": 0, "pending_consent": 1, "waitlisted": 2, "declined": 3, "cancelled": 4}
    rows = list(
        shift.applications.select_related("volunteer__volunteer_profile").order_by(
            "queued_at", "id"
        )
    )
    rows.sort(key=lambda a: order.get(a.status, 9))
    for a in rows:
        profile = getattr(a.volunteer, "volunteer_profile", None)
        a.age = profile.age_on(shift.local_date) if profile else None
    return rows


# Certificates --------------------------------------------------------------------------------


@dataclass
class Verification:
    status: str  # genuine | altered | unknown
    certificate: Certificate | None = None


def certificate_verify(token: str) -> Verification:
    parsed = tokens.parse_certificate_token(token or "")
    if parsed is None:
        return Verification("unknown")
    certificate = (
        Certificate.objects.select_related("volunteer", "opportunity")
        .filter(code=parsed.content["code"])
        .first()
    )
    if certificate is None:
        return Verification("unknown")
    if not parsed.signature_valid or parsed.content != certificate.content:
        return Verification("altered", certificate)
    return Verification("genuine", certificate)


def certificate_of(user, code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("opportunity__organization")
        .filter(code=code, volunteer=user)
        .first()
    )
