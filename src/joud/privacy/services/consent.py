"""Consent: recorded with its proof, withdrawn as easily, and its withdrawal applied."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.notify import Event, Recipient
from joud.privacy import registry
from joud.privacy.models import Consent, ConsentText, Purpose
from joud.privacy.registry import DataSubject


def current_text(purpose: Purpose) -> ConsentText:
    text = purpose.texts.order_by("-version").first()
    if text is None:
        raise BusinessError(_("This purpose has no consent text yet."), code="no_text")
    return text


def storable_text(value: str, *, field: str | None = None) -> str:
    """Text as a person typed it, refused (in their language) when it holds a NUL byte, which
    PostgreSQL cannot store (it was a 500) and no keyboard types."""
    value = value or ""
    if "\x00" in value:
        raise BusinessError(_("Remove the control characters."), code="control", field=field)
    return value


def _purpose(code: str | Purpose) -> Purpose:
    if isinstance(code, Purpose):
        return code
    storable_text(code, field="purpose")
    try:
        return Purpose.objects.get(code=code)
    except Purpose.DoesNotExist:
        raise BusinessError(_("Unknown purpose."), code="unknown_purpose") from None


def subject_filter(subject: DataSubject) -> Q:
    """The consent rows of ``subject``: a case's at its association, else the user's or those
    given with the same phone or email."""
    if subject.case_reference:
        return Q(case_reference=subject.case_reference, organization_id=subject.organization_id)
    q = Q(pk__in=[])
    if subject.user_id:
        q |= Q(user_id=subject.user_id)
    if subject.phone:
        q |= Q(phone=subject.phone)
    if subject.email:
        q |= Q(email__iexact=subject.email)
    return q


@transaction.atomic
def consent_record(
    *,
    subject: DataSubject,
    purpose: str | Purpose,
    method: str,
    language: str = "ar",
    recorded_by=None,
    evidence: str = "",
    scan=None,
    is_minor: bool = False,
    guardian_name: str = "",
    guardian_phone: str = "",
) -> Consent:
    """Record that ``subject`` agreed to the current text of ``purpose``, shown in ``language``."""
    purpose = _purpose(purpose)
    if not purpose.needs_consent:
        raise BusinessError(_("This use of data rests on another legal basis."), code="basis")
    if method not in Consent.Method.values:
        raise BusinessError(_("Choose how the consent was given."), field="method")
    if method == Consent.Method.PAPER and not scan and not evidence:
        raise BusinessError(_("Attach the scan of the signed paper."), field="scan")
    if is_minor and not (guardian_name.strip() or guardian_phone.strip()):
        raise BusinessError(
            _("A person under 18 needs their guardian's consent: give the guardian's name."),
            field="guardian_name",
        )
    if not (subject.user_id or subject.phone or subject.email or subject.case_reference):
        raise BusinessError(_("Whose consent is it? Give a phone number or an email."))
    language = "en" if language == "en" else "ar"
    text = current_text(purpose)
    consent = Consent.objects.create(
        purpose=purpose,
        text=text,
        language=language,
        text_shown=text.body(language),
        user=subject.user,
        phone=subject.phone,
        email=subject.email,
        organization=subject.organization,
        case_reference=subject.case_reference,
        method=method,
        evidence=evidence[:200],
        scan=scan or "",
        is_minor=is_minor,
        guardian_name=guardian_name.strip()[:150],
        guardian_phone=guardian_phone.strip()[:16],
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
        given_at=timezone.now(),
    )
    audit_log(
        action="joud.consent.given",
        actor=consent.recorded_by or subject.user,
        target=consent,
        data={"purpose": purpose.code, "version": text.version, "method": method},
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, subject: DataSubject, purpose: str | Purpose, method: str = Consent.Method.WEB, actor=None
) -> int:
    """Withdraw every active consent of ``subject`` to ``purpose`` and apply the effect (the
    public name hidden, updates stopped). Returns how many consents were withdrawn."""
    purpose = _purpose(purpose)
    active = Consent.objects.select_for_update().filter(
        subject_filter(subject), purpose=purpose, withdrawn_at__isnull=True
    )
    count = active.update(withdrawn_at=timezone.now(), withdrawn_method=method)
    applied = {}
    for source in registry.sources():
        if source.withdraw is not None:
            applied[source.key] = source.withdraw(subject, purpose.code)
    audit_log(
        action="joud.consent.withdrawn",
        actor=actor or subject.user,
        organization=subject.organization,
        data={"purpose": purpose.code, "consents": count, "applied": applied},
    )
    return count


def consent_record_once(*, subject: DataSubject, purpose: str | Purpose, **proof) -> Consent | None:
    """``consent_record``, unless ``subject`` already agreed to the current text of ``purpose``
    and has not withdrawn it (each sign-up need not repeat the proof). None when it had."""
    purpose = _purpose(purpose)
    agreed = Consent.objects.filter(
        subject_filter(subject),
        purpose=purpose,
        text=current_text(purpose),
        withdrawn_at__isnull=True,
    )
    if agreed.exists():
        return None
    return consent_record(subject=subject, purpose=purpose, **proof)


def consent_active(subject: DataSubject, purpose: str, *, evidence: str | None = None) -> bool:
    """Whether ``subject`` agrees to ``purpose`` now; with ``evidence``, only by the consent
    given on that form (a giving plan's own "show my name", not another gift's)."""
    rows = Consent.objects.filter(
        subject_filter(subject), purpose__code=purpose, withdrawn_at__isnull=True
    )
    if evidence is not None:
        rows = rows.filter(evidence=evidence[:200])
    return rows.exists()


def updates_gate(recipient: Recipient, declared: Event) -> bool:
    """``core.notify``'s gate for updates and newsletters: only to a person who consented to
    updates and has not withdrawn it. A withdrawal by phone or email stops every address
    recorded with it (the consent rows carry both)."""
    subject = DataSubject(user=None, phone=recipient.phone, email=(recipient.email or "").lower())
    q = subject_filter(subject)
    if recipient.user_id:
        q |= Q(user_id=recipient.user_id)
    rows = Consent.objects.filter(q, purpose__code=Purpose.UPDATES)
    return rows.filter(withdrawn_at__isnull=True).exists()


def gift_consents_record(
    *,
    subject: DataSubject,
    wants_updates: bool,
    shows_name: bool,
    language: str,
    evidence: str = "",
) -> list[Consent]:
    """The consents a giving form (a gift or a giving plan) collects, each only on a positive
    act: updates when their box is ticked, the public name when the donor ticked "show my
    name" (an unticked box, or "give anonymously", is no consent). ``evidence``: which form
    and which gift or plan, for the proof."""
    if not (subject.user_id or subject.phone or subject.email):
        return []
    recorded = []
    for wanted, purpose in ((wants_updates, Purpose.UPDATES), (shows_name, Purpose.PUBLIC_NAME)):
        if wanted:
            recorded.append(
                consent_record(
                    subject=subject,
                    purpose=purpose,
                    method=Consent.Method.WEB,
                    language=language,
                    evidence=evidence,
                )
            )
    return recorded
