"""The volunteer's own profile: skills, availability, school, age, leaderboard visibility."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.volunteering.models import Availability, Skill, Visibility, VolunteerProfile
from joud.volunteering.text import clean_text


def profile_save(
    *,
    user,
    skills: list[str],
    wilayat,
    availability: list[str],
    school: str,
    university: str,
    date_of_birth: dt.date | None,
    leaderboard_visibility: str,
) -> VolunteerProfile:
    today = timezone.localdate()
    if date_of_birth is not None:
        if date_of_birth >= today:
            raise BusinessError(_("The date of birth must be in the past."), field="date_of_birth")
        if date_of_birth.year < today.year - 110:
            raise BusinessError(_("Check the year of birth."), field="date_of_birth")
    if leaderboard_visibility not in Visibility.values:
        raise BusinessError(_("Choose how you appear on leaderboards."))
    with transaction.atomic():
        profile, created = VolunteerProfile.objects.select_for_update().get_or_create(user=user)
        profile.skills = [s for s in skills if s in Skill.values]
        profile.availability = [a for a in availability if a in Availability.values]
        profile.wilayat = wilayat
        profile.school = clean_text(school)
        profile.university = clean_text(university)
        profile.date_of_birth = date_of_birth
        profile.leaderboard_visibility = leaderboard_visibility
        profile.save()
        if not user.is_volunteer:
            user.is_volunteer = True
            user.save(update_fields=["is_volunteer"])
        audit_log(
            action="joud.volunteering.profile_saved",
            actor=user,
            target=profile,
            data={"created": created, "visibility": leaderboard_visibility},
        )
    return profile
