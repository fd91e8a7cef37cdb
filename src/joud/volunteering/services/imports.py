"""Volunteers an association already knows, from its own list (the API's import pages call
this, one row at a time): the person's account (found by mobile or email, else opened without a
password: they sign in later with a code to their mobile), their volunteer profile, and their
consent to the association keeping their data, recorded through the privacy app's consent
service. A volunteer under 18 needs a guardian, named with a mobile number, whose consent it
then is."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.privacy.models import Consent, Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_record
from joud.volunteering.models import Application, VolunteerProfile
from joud.volunteering.text import clean_text

ADULT = 18


def _phone(raw: str, field: str) -> str:
    try:
        return normalize_omani_phone(raw)
    except ValidationError as exc:
        raise BusinessError(exc.messages[0], field=field) from exc


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def volunteer_import(
    *,
    organization,
    actor,
    full_name: str,
    phone: str,
    email: str = "",
    date_of_birth: dt.date | None = None,
    guardian_name: str = "",
    guardian_phone: str = "",
    evidence: str = "",
) -> Consent:
    """One volunteer of ``organization``'s list: their account and profile (an existing account
    is found and left as it is) and the consent the association holds on paper, recorded."""
    full_name = clean_text(full_name)
    if not full_name or len(full_name) > 150:
        raise BusinessError(_("Give the volunteer's full name."), field="full_name")
    phone = _phone(phone, "phone")
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise BusinessError(_("The email address is not valid."), field="email") from exc
    today = timezone.localdate()
    if date_of_birth is not None and not (
        today.year - 110 < date_of_birth.year and date_of_birth < today
    ):
        raise BusinessError(_("Check the year of birth."), field="date_of_birth")
    if date_of_birth is None:
        # Whether a guardian is needed rests on the age: without a date in the row, the one
        # the platform already holds for this person; without either, the row is refused.
        known = (
            VolunteerProfile.objects.filter(user__phone=phone)
            .exclude(date_of_birth=None)
            .values_list("date_of_birth", flat=True)
            .first()
        )
        if known is None:
            raise BusinessError(
                _(
                    "Give the volunteer's date of birth: a volunteer under 18 needs a "
                    "guardian's consent."
                ),
                field="date_of_birth",
            )
        minor = _age(known, today) < ADULT
    else:
        minor = _age(date_of_birth, today) < ADULT
    guardian_name = clean_text(guardian_name)
    if minor:
        if not guardian_name or not guardian_phone.strip():
            raise BusinessError(
                _(
                    "A volunteer under 18 needs a guardian: fill in the guardian's name and "
                    "mobile number."
                ),
                field="guardian_name",
            )
        guardian_phone = _phone(guardian_phone, "guardian_phone")
    else:
        guardian_name, guardian_phone = "", ""
    users = get_user_model().objects
    with transaction.atomic():
        user = users.filter(phone=phone).first() or (
            users.filter(email=email).first() if email else None
        )
        if user is None:
            user = users.create_user(
                email=email or None, phone=phone, full_name=full_name, is_volunteer=True
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        profile, _created = VolunteerProfile.objects.get_or_create(user=user)
        if profile.date_of_birth is None and date_of_birth is not None:
            profile.date_of_birth = date_of_birth
            profile.save(update_fields=["date_of_birth", "updated_at"])
        consent = consent_record(
            subject=DataSubject(user=user, phone=phone, email=email, organization=organization),
            purpose=Purpose.VOLUNTEERING,
            method=Consent.Method.PAPER,
            evidence=(evidence or "volunteer list")[:200],
            recorded_by=actor,
            is_minor=minor,
            guardian_name=guardian_name,
            guardian_phone=guardian_phone,
        )
        audit_log(
            action="joud.volunteering.imported",
            actor=actor,
            target=consent,
            organization=organization,
            data={"minor": minor},
        )
    return consent


def volunteer_import_undo(*, consent_ids: list[int], since: dt.datetime) -> None:
    """Take back an import: its consents, and the accounts it opened (joined since ``since``)
    that nobody has used since: never signed in, never signed up for a shift, no other
    consent."""
    with transaction.atomic():
        consents = list(Consent.objects.filter(pk__in=consent_ids).select_related("user"))
        users = {c.user for c in consents if c.user is not None}
        Consent.objects.filter(pk__in=[c.pk for c in consents]).delete()
        for user in users:
            unused = (
                user.date_joined >= since
                and user.last_login is None
                and not user.memberships.exists()
                and not Application.unscoped.filter(volunteer=user).exists()
                and not Consent.objects.filter(user=user).exists()
            )
            if unused:
                user.delete()
