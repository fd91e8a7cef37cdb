"""Volunteers from a list: each row becomes (or finds) the person's account with their volunteer
profile, and the consent the association holds on paper is recorded through the privacy app's
consent service (``volunteering.services.imports``). A row of someone under 18 is rejected unless
the guardian's columns are in the file and filled in; undo takes the consents back and the
accounts the import opened that nobody has used since."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.api.imports.donors import _day
from joud.core.errors import BusinessError
from joud.organizations.models import Membership
from joud.volunteering.services.imports import volunteer_import, volunteer_import_undo

COLUMNS = ("full_name", "phone", "date_of_birth", "consent")
OPTIONAL = ("email", "guardian_name", "guardian_phone")
ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR)
YES = {"yes", "y", "1", "true", "نعم"}


def apply_row(organization, actor, row: dict, memo: dict):
    if row["consent"].strip().lower() not in YES:
        raise BusinessError(
            _("The volunteer's consent must be recorded before their data is stored."),
            field="consent",
        )
    born = _day(row["date_of_birth"], field="date_of_birth") if row["date_of_birth"] else None
    return volunteer_import(
        organization=organization,
        actor=actor,
        full_name=row["full_name"],
        phone=row["phone"],
        email=row["email"],
        date_of_birth=born,
        guardian_name=row["guardian_name"],
        guardian_phone=row["guardian_phone"],
        evidence="paper consent kept by the association (volunteer list)",
    )


def undo(batch, actor) -> None:
    volunteer_import_undo(consent_ids=batch.created_ids, since=batch.created_at)
