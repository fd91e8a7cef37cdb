"""Sign-ups: a volunteer's own, and the one a guardian's consent link points to."""

from __future__ import annotations

from joud.core.tenancy import scopes_disabled
from joud.volunteering.models import Application


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
