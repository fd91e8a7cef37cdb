"""Signing up for a shift and cancelling.

Sign-ups lock the shift row (``select_for_update``) before counting accepted places, so however
many people press "volunteer" at once, exactly ``capacity`` are accepted and the rest queue.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone
from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.privacy.models import Consent, Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_record_once
from joud.volunteering.access import is_own_application, may_cancel
from joud.volunteering.models import ADULT_AGE, Application, Opportunity, Shift, VolunteerProfile
from joud.volunteering.services.consent import send_consent_request
from joud.volunteering.services.waitlist import allocate, promote_waitlisted
from joud.volunteering.text import clean_text, shift_label


def shift_apply(
    *, shift: Shift, volunteer, guardian_name: str = "", guardian_phone: str = ""
) -> Application:
    """Sign ``volunteer`` up for ``shift``: accepted, wait-listed, or (minors) pending consent."""
    profile = VolunteerProfile.objects.filter(user=volunteer).first()
    if profile is None or profile.date_of_birth is None:
        raise BusinessError(
            _("Complete your volunteer profile, with your date of birth, before signing up."),
            code="profile_required",
        )
    now = timezone.now()
    with transaction.atomic(), organization_scope(shift.organization_id):
        # The lock: every sign-up for this shift waits here for the one before it to commit.
        shift = Shift.objects.select_for_update().select_related("opportunity").get(pk=shift.pk)
        opportunity = shift.opportunity
        if opportunity.status != Opportunity.Status.PUBLISHED:
            raise BusinessError(_("This opportunity is not open for volunteers."))
        if not shift.organization.is_licensed:
            raise BusinessError(
                _("This organization's licence is not active, so it cannot take volunteers now."),
                code="not_licensed",
            )
        if shift.starts_at <= now:
            raise BusinessError(_("This shift has already started."))
        age = profile.age_on(shift.local_date)
        if age < opportunity.min_age:
            raise BusinessError(
                _("This opportunity is for volunteers aged %(min)s and over.")
                % {"min": opportunity.min_age},
                code="too_young",
            )
        if opportunity.max_age and age > opportunity.max_age:
            raise BusinessError(
                _("This opportunity is for volunteers up to %(max)s years old.")
                % {"max": opportunity.max_age},
                code="too_old",
            )
        if shift.applications.filter(volunteer=volunteer, status__in=Application.ACTIVE).exists():
            raise BusinessError(_("You are already signed up for this shift."), code="duplicate")
        with scopes_disabled():  # the person's other sign-ups may be with other organizations
            clash = (
                Application.objects.filter(
                    volunteer=volunteer,
                    status__in=(Application.Status.ACCEPTED, Application.Status.PENDING_CONSENT),
                    shift__starts_at__lt=shift.ends_at,
                    shift__ends_at__gt=shift.starts_at,
                )
                .select_related("shift__opportunity")
                .first()
            )
        if clash is not None:
            raise BusinessError(
                _("You are already signed up for %(shift)s at the same time.")
                % {"shift": shift_label(clash.shift)},
                code="overlap",
            )
        application = Application(
            organization_id=shift.organization_id, shift=shift, volunteer=volunteer
        )
        minor = age < ADULT_AGE
        if minor:
            guardian_name = clean_text(guardian_name)
            if len(guardian_name) < 3:
                raise BusinessError(
                    _("Volunteers under 18 need a parent or guardian's consent: enter their name."),
                    field="guardian_name",
                    code="guardian_required",
                )
            try:
                guardian_phone = normalize_omani_phone(guardian_phone)
            except ValidationError as exc:
                raise BusinessError(exc.messages[0], field="guardian_phone") from exc
            if guardian_phone == volunteer.phone:
                raise BusinessError(
                    _("Enter your guardian's mobile number, not your own."),
                    field="guardian_phone",
                )
            application.status = Application.Status.PENDING_CONSENT
            application.guardian_name = guardian_name
            application.guardian_phone = guardian_phone
            application.consent_requested_at = now
            application.queued_at = now
        else:
            allocate(shift, application, now)
        try:
            with transaction.atomic():
                application.save(force_insert=True)
        except IntegrityError as exc:
            raise BusinessError(
                _("You are already signed up for this shift."), code="duplicate"
            ) from exc
        audit_log(
            action="joud.volunteering.signup_created",
            actor=volunteer,
            target=application,
            data={"status": application.status, "shift": shift.pk, "minor": minor},
        )
        if minor:
            send_consent_request(application)
        else:
            # An adult's own consent, with its proof: the text shown above the button they
            # pressed (``apply.html``), in the page's language. A minor's is the guardian's.
            consent_record_once(
                subject=DataSubject.of_user(volunteer),
                purpose=Purpose.VOLUNTEERING,
                method=Consent.Method.WEB,
                language=get_language() or "ar",
                evidence=f"sign-up form, sign-up {application.pk}",
            )
    return application


def application_cancel(*, application: Application, actor) -> Application:
    """Cancel a sign-up; a freed place goes to the first person on the waiting list."""
    now = timezone.now()
    with transaction.atomic(), organization_scope(application.organization_id):
        shift = Shift.objects.select_for_update().get(pk=application.shift_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        is_self = is_own_application(actor, application)
        if not may_cancel(actor, application):
            raise PermissionDeniedError(_("You cannot cancel this sign-up."))
        if application.status not in Application.ACTIVE:
            raise BusinessError(_("This sign-up is already cancelled."), code="cancelled")
        if is_self and shift.starts_at <= now:
            raise BusinessError(
                _("The shift has started: tell the coordinator instead of cancelling.")
            )
        was = application.status
        application.status = Application.Status.CANCELLED
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        promoted = promote_waitlisted(shift) if was == Application.Status.ACCEPTED else []
        audit_log(
            action="joud.volunteering.signup_cancelled",
            actor=actor,
            target=application,
            data={"was": was, "promoted": [a.pk for a in promoted]},
        )
    return application
