"""What volunteering holds about a person, for ``joud.privacy``: the profile, sign-ups and hours
(seen, downloaded; on erasure the profile goes and the hours stay in the organization's figures
without a name), and the retention of a minor's guardian details."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.core.tenancy import scopes_disabled
from joud.privacy.registry import (
    DataSubject,
    Note,
    RetentionRule,
    Source,
    register_rule,
    register_source,
)
from joud.volunteering.models import Application, VolunteerProfile


def collect(subject: DataSubject) -> list[dict]:
    if not subject.user_id:
        return []
    rows = []
    profile = VolunteerProfile.objects.filter(user_id=subject.user_id).first()
    if profile is not None:
        rows.append(
            {
                "profile": True,
                "skills": profile.skills,
                "date_of_birth": profile.date_of_birth,
                "school": profile.school,
                "university": profile.university,
                "leaderboards": profile.leaderboard_visibility,
            }
        )
    with scopes_disabled():
        for a in Application.objects.filter(volunteer_id=subject.user_id).select_related(
            "shift", "organization"
        ):
            rows.append(
                {
                    "organization": a.organization.name,
                    "shift_starts_at": a.shift.starts_at,
                    "status": a.status,
                    "guardian_name": a.guardian_name,
                    "guardian_phone": a.guardian_phone,
                    "approved_minutes": a.approved_minutes,
                }
            )
    return rows


def erase(subject: DataSubject) -> list[Note]:
    if not subject.user_id:
        return []
    profiles, _kinds = VolunteerProfile.objects.filter(user_id=subject.user_id).delete()
    with scopes_disabled():
        kept = Application.objects.filter(volunteer_id=subject.user_id).update(
            guardian_name="", guardian_phone=""
        )
    return [
        Note(str(_("Volunteer profile")), "removed", profiles),
        Note(
            str(_("Shifts and hours")),
            "kept",
            kept,
            str(
                _(
                    "The organization's volunteering figures; your name and your guardian's are removed."
                )
            ),
        ),
    ]


def purge_minors_guardians(cutoff) -> tuple[int, int]:
    """A minor's guardian's name and mobile, once the shift is long past."""
    with scopes_disabled():
        count = (
            Application.objects.filter(shift__ends_at__lt=cutoff)
            .exclude(guardian_name="", guardian_phone="")
            .update(guardian_name="", guardian_phone="")
        )
    return 0, count


register_source(
    Source(
        key="volunteering",
        label=_("Volunteering"),
        collect=collect,
        erase=erase,
        position=20,
    )
)
register_rule(
    RetentionRule(
        code="minor_volunteers",
        label=_("Guardians' details of volunteers under 18"),
        days=365,
        purge=purge_minors_guardians,
    )
)
