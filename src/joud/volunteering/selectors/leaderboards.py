"""Leaderboards of approved hours by school, university or wilayat; hidden people never named."""

from __future__ import annotations

from django.db.models import Count, Sum

from joud.core.tenancy import scopes_disabled
from joud.geo.models import Wilayat
from joud.volunteering.models import Application, VolunteerProfile, minutes_as_hours

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
        names = {w.pk: w.name for w in Wilayat.objects.filter(pk__in=[r[path] for r in rows])}
    return [
        {
            "key": str(r[path]),
            "name": names.get(r[path], r[path]) if kind == "wilayat" else r[path],
            "hours": minutes_as_hours(r["minutes"]),
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
        people.append(
            {"rank": len(people) + 1, "name": name, "hours": minutes_as_hours(row["minutes"])}
        )
    return people
