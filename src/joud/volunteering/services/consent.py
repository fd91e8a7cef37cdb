"""A guardian's consent for a volunteer under 18: the signed SMS link and the answer."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.notify import Recipient, notify
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.privacy.models import Consent, Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_record
from joud.volunteering import tokens
from joud.volunteering.models import Application, Shift
from joud.volunteering.notifications import (
    CONSENT_REQUESTED,
    GUARDIAN_AGREED_ACCEPTED,
    GUARDIAN_AGREED_WAITLISTED,
    GUARDIAN_REFUSED,
    in_reader_language,
    shift_text,
)
from joud.volunteering.services.waitlist import allocate


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_consent_request(application: Application) -> None:
    link = _absolute(reverse("volunteering:consent", args=[tokens.consent_token(application)]))
    shift = application.shift
    notify(
        Recipient(phone=application.guardian_phone, language="ar"),
        CONSENT_REQUESTED,
        {
            "volunteer": application.volunteer.full_name or application.volunteer,
            "org": in_reader_language(lambda: shift.organization.name),
            "shift": shift_text(shift),
            "link": link,
        },
    )


def consent_decide(*, token: str, approve: bool) -> Application:
    """The guardian's answer, from the signed link in their SMS. No account needed."""
    application_id = tokens.read_consent_token(token)
    if application_id is None:
        raise BusinessError(
            _("This consent link is not valid or has expired. Ask for a new one."), code="bad_link"
        )
    with scopes_disabled():
        org_id = (
            Application.objects.filter(pk=application_id)
            .values_list("organization_id", flat=True)
            .first()
        )
    if org_id is None:
        raise BusinessError(_("This sign-up no longer exists."), code="bad_link")
    now = timezone.now()
    with transaction.atomic(), organization_scope(org_id):
        application = Application.objects.select_related("shift").get(pk=application_id)
        shift = Shift.objects.select_for_update().get(pk=application.shift_id)
        application = Application.objects.select_for_update().get(pk=application_id)
        if application.status != Application.Status.PENDING_CONSENT:
            raise BusinessError(_("This request has already been answered."), code="answered")
        if approve:
            if shift.starts_at <= now:
                raise BusinessError(_("This shift has already started."))
            application.consent_given_at = now
            # The guardian's consent, with its proof (the signed link sent to their mobile).
            consent_record(
                subject=DataSubject.of_user(application.volunteer),
                purpose=Purpose.VOLUNTEERING,
                method=Consent.Method.SMS,
                evidence=f"signed link, sign-up {application.pk}",
                is_minor=True,
                guardian_name=application.guardian_name,
                guardian_phone=application.guardian_phone,
            )
            allocate(shift, application, now)
        else:
            application.status = Application.Status.DECLINED
            application.decided_at = now
        application.save()
        audit_log(
            action="joud.volunteering.guardian_consent",
            target=application,
            data={"approved": approve, "status": application.status},
        )
        answer = {
            Application.Status.ACCEPTED: GUARDIAN_AGREED_ACCEPTED,
            Application.Status.WAITLISTED: GUARDIAN_AGREED_WAITLISTED,
        }.get(application.status, GUARDIAN_REFUSED)
        notify(Recipient.of_user(application.volunteer), answer, {"shift": shift_text(shift)})
    return application
