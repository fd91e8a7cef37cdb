"""Sign-ups and their hours disputes: one by its number, and the organization's (inside its scope)."""

from __future__ import annotations

import datetime as dt

from joud.core.tenancy import scopes_disabled
from joud.volunteering.models import (
    CHECK_IN_OPENS_BEFORE,
    CHECK_OUT_GRACE,
    Application,
    HoursDispute,
)


def signup(pk: int) -> Application | None:
    """One sign-up, whichever organization holds it (ask ``access`` who may see it)."""
    with scopes_disabled():
        return (
            Application.objects.select_related("shift__opportunity__organization")
            .filter(pk=pk)
            .first()
        )


def application_for_consent(pk: int) -> Application | None:
    with scopes_disabled():
        return (
            Application.objects.select_related("shift__opportunity__organization", "volunteer")
            .filter(pk=pk)
            .first()
        )


def organization_signups():
    """Inside the organization's scope (the view's decorator sets it)."""
    return Application.objects.select_related("shift")


def organization_disputes():
    """Inside the organization's scope (the view's decorator sets it)."""
    return HoursDispute.objects.select_related(
        "application__volunteer", "application__shift__opportunity"
    )


def signups_open_for_attendance(volunteer, at: dt.datetime):
    """Inside the organization's scope: ``volunteer``'s accepted sign-ups whose check-in is open."""
    return Application.objects.filter(
        volunteer=volunteer,
        status=Application.Status.ACCEPTED,
        shift__starts_at__lte=at + CHECK_IN_OPENS_BEFORE,
        shift__ends_at__gte=at - CHECK_OUT_GRACE,
    ).select_related("shift__opportunity")
