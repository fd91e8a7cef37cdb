"""People's rights: see, download, correct and erase their data, and object to a use of it.

Every request is logged with its deadline (``JOUD_RIGHTS_ANSWER_DAYS``) and its answer. A signed-in
person's requests are answered at once by the platform; a beneficiary's go through the
association, which records and answers them. Erasure removes or pseudonymises what the law lets
go and keeps what financial and regulatory records must keep, with the name replaced, saying
which and why (``RightsRequest.outcome``).
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.privacy import registry
from joud.privacy.models import Consent, Purpose, RightsRequest
from joud.privacy.registry import DataSubject, Note
from joud.privacy.services.consent import consent_withdraw, storable_text, subject_filter

MAX_NAME = 150


def _due(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=settings.JOUD_RIGHTS_ANSWER_DAYS)


def rights_request_open(
    *, subject: DataSubject, kind: str, details: str = "", recorded_by=None
) -> RightsRequest:
    if kind not in RightsRequest.Kind.values:
        raise BusinessError(_("Choose what you are asking for."), field="kind")
    details = storable_text(details, field="details")
    now = timezone.now()
    request = RightsRequest.objects.create(
        kind=kind,
        user=subject.user,
        organization=subject.organization,
        case_reference=subject.case_reference,
        details=(details or "").strip()[:2000],
        received_at=now,
        due_at=_due(now),
        handled_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
    )
    audit_log(
        action="joud.rights.requested",
        actor=recorded_by or subject.user,
        target=request,
        data={"kind": kind},
    )
    return request


def rights_request_answer(
    *,
    request: RightsRequest,
    answer: str,
    outcome: list | None = None,
    handled_by=None,
    refused: bool = False,
) -> RightsRequest:
    if request.status != RightsRequest.Status.OPEN:
        raise BusinessError(_("This request has already been answered."), code="answered")
    answer = storable_text(answer, field="answer").strip()
    if not answer:
        raise BusinessError(_("Write the answer given to the person."), field="answer")
    request.status = RightsRequest.Status.REFUSED if refused else RightsRequest.Status.ANSWERED
    request.answer = answer[:4000]
    request.outcome = outcome or request.outcome
    request.answered_at = timezone.now()
    if getattr(handled_by, "is_authenticated", False):
        request.handled_by = handled_by
    request.save()
    audit_log(
        action="joud.rights.answered",
        actor=handled_by,
        target=request,
        data={
            "kind": request.kind,
            "status": request.status,
            "late": request.answered_at > request.due_at,
        },
    )
    return request


def _account(user) -> dict:
    if user is None:
        return {}
    return {
        "full_name": user.full_name,
        "email": user.email or "",
        "phone": user.phone or "",
        "language": user.language,
        "joined": user.date_joined,
    }


def person_data(subject: DataSubject) -> dict:
    """Everything the platform holds about ``subject``, as plain JSON-able data."""
    consents = [
        {
            "purpose": c.purpose.code,
            "version": c.text.version,
            "text": c.text_shown,
            "language": c.language,
            "method": c.method,
            "given_at": c.given_at,
            "withdrawn_at": c.withdrawn_at,
            "guardian": c.guardian_name if c.is_minor else "",
        }
        for c in Consent.objects.filter(subject_filter(subject)).select_related("purpose", "text")
    ]
    data = {"account": _account(subject.user), "consents": consents}
    for source in registry.sources():
        data[source.key] = source.collect(subject)
    return data


def person_data_json(subject: DataSubject) -> str:
    return json.dumps(
        person_data(subject), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=True
    )


@transaction.atomic
def person_export(*, subject: DataSubject, actor=None, kind: str = RightsRequest.Kind.EXPORT):
    """The person's data as JSON, with the request logged and answered at once."""
    request = rights_request_open(subject=subject, kind=kind, recorded_by=actor)
    text = person_data_json(subject)
    with translation.override(getattr(subject.user, "language", None) or "ar"):
        answer = gettext("Your data was given to you as a JSON file.")
    rights_request_answer(request=request, answer=answer, handled_by=actor)
    return request, text


@transaction.atomic
def person_rectify(*, user, full_name: str, language: str) -> RightsRequest:
    """Correct the account's name and language (email and mobile change through the account's
    own settings, which verify the new address)."""
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise BusinessError(_("Write your name."), field="full_name")
    if len(full_name) > MAX_NAME or any(ord(ch) < 32 for ch in full_name):
        raise BusinessError(
            _("The name is too long or holds characters that cannot be kept."), field="full_name"
        )
    if language not in ("ar", "en"):
        raise BusinessError(_("Choose Arabic or English."), field="language")
    subject = DataSubject.of_user(user)
    before = {"full_name": user.full_name, "language": user.language}
    request = rights_request_open(subject=subject, kind=RightsRequest.Kind.RECTIFY)
    user.full_name, user.language = full_name, language
    user.save(update_fields=["full_name", "language"])
    with translation.override(language):
        answer = gettext("Your data was corrected.")
    changed = [k for k, v in before.items() if v != getattr(user, k)]
    return rights_request_answer(
        request=request, answer=answer, outcome=[{"corrected": changed}], handled_by=user
    )


@transaction.atomic
def person_object(*, subject: DataSubject, purpose: str, details: str = "", actor=None):
    """An objection to a use resting on consent stops it (the consent is withdrawn); one to a
    use the law requires stays open for the platform's data protection officer to answer."""
    storable_text(details, field="details")
    chosen = Purpose.objects.filter(code=storable_text(purpose, field="purpose")).first()
    if chosen is None:
        raise BusinessError(_("Choose the use of your data you object to."), field="purpose")
    request = rights_request_open(
        subject=subject,
        kind=RightsRequest.Kind.OBJECT,
        details=f"{chosen.code}: {details}",
        recorded_by=actor,
    )
    if chosen.needs_consent:
        consent_withdraw(subject=subject, purpose=chosen, actor=actor)
        with translation.override(getattr(subject.user, "language", None) or "ar"):
            answer = gettext("This use of your data has stopped.")
        rights_request_answer(request=request, answer=answer, handled_by=actor)
    return request


def _erase_account(subject: DataSubject) -> list[Note]:
    user = subject.user
    if user is None:
        return []
    user.full_name = ""
    user.email = None
    user.phone = None
    user.phone_verified = False
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return [Note(str(_("Account: name, email and mobile")), "removed", 1)]


def _erase_consents(subject: DataSubject) -> list[Note]:
    rows = Consent.objects.filter(subject_filter(subject))
    now = timezone.now()
    rows.filter(withdrawn_at__isnull=True).update(withdrawn_at=now, withdrawn_method="web")
    count = rows.update(phone="", email="", guardian_name="", guardian_phone="")
    return [
        Note(
            str(_("Consent records")),
            "kept",
            count,
            str(_("Proof that earlier processing was lawful; contact details removed.")),
        )
    ]


@transaction.atomic
def person_erase(*, subject: DataSubject, details: str = "", actor=None) -> RightsRequest:
    """Erase ``subject``: each app removes or pseudonymises what it holds and says what it
    keeps and why; then the account and consents. The answer lists it all."""
    request = rights_request_open(
        subject=subject, kind=RightsRequest.Kind.ERASE, details=details, recorded_by=actor
    )
    language = getattr(subject.user, "language", None) or "ar"
    with translation.override(language):
        notes: list[Note] = []
        for source in registry.sources():
            if source.erase is not None:
                notes += source.erase(subject)
        notes += _erase_consents(subject)
        notes += _erase_account(subject)
        answer = gettext(
            "Your data was erased where the law allows. What financial and regulatory records "
            "must keep is kept with your name replaced, as listed."
        )
    return rights_request_answer(
        request=request,
        answer=answer,
        outcome=[n.as_dict() for n in notes],
        handled_by=actor if actor is not subject.user else None,
    )
