"""Reads about personal data: the register the notice shows, a person's consents and requests."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from joud.privacy.models import Breach, Consent, ProcessingActivity, Purpose, RightsRequest
from joud.privacy.registry import DataSubject
from joud.privacy.services.consent import subject_filter


def register_rows() -> QuerySet[ProcessingActivity]:
    return ProcessingActivity.objects.select_related("purpose").order_by("position", "id")


def consent_purposes() -> QuerySet[Purpose]:
    """The purposes a person can agree to or withdraw from, each with its current text."""
    return Purpose.objects.filter(legal_basis="consent").prefetch_related("texts")


# A beneficiary's consents are given through the association, on paper or by SMS code, and
# recorded by the caseworker on the case: a signed-in person does not give them on «My data».
CASE_PURPOSES = (Purpose.CASE, Purpose.CASE_SHARING)


def own_consent_purposes() -> QuerySet[Purpose]:
    """The purposes a signed-in person agrees to or withdraws from on «My data»."""
    return consent_purposes().exclude(code__in=CASE_PURPOSES)


def all_purposes() -> QuerySet[Purpose]:
    return Purpose.objects.all()


def consents_of(subject: DataSubject) -> QuerySet[Consent]:
    return Consent.objects.filter(subject_filter(subject)).select_related("purpose", "text")


def active_purpose_codes(subject: DataSubject) -> set[str]:
    return set(
        consents_of(subject)
        .filter(withdrawn_at__isnull=True)
        .values_list("purpose__code", flat=True)
    )


def requests_of(subject: DataSubject) -> QuerySet[RightsRequest]:
    if subject.case_reference:
        return RightsRequest.objects.filter(
            case_reference=subject.case_reference, organization_id=subject.organization_id
        )
    return RightsRequest.objects.filter(user_id=subject.user_id)


def breaches_for(organization_ids, platform: bool):
    q = Q(organization_id__in=list(organization_ids))
    if platform:
        q |= Q(organization__isnull=True)
    return Breach.objects.filter(q).select_related("organization")


CHUNK = 5000


def consenting(
    purpose: str, *, user_ids=(), phones=(), emails=()
) -> tuple[set[int], set[str], set[str]]:
    """Who among these people agrees to ``purpose`` now (a consent not withdrawn): the accounts,
    phones and emails (lower-cased) that do. For jobs that ask about many people at once (the
    donor lists an association acts on); asked in chunks."""
    active = Consent.objects.filter(purpose__code=purpose, withdrawn_at__isnull=True)
    found_users: set[int] = set()
    found_phones: set[str] = set()
    found_emails: set[str] = set()
    user_ids, phones = sorted(set(user_ids) - {None}), sorted(set(phones) - {""})
    emails = sorted({e.lower() for e in emails if e})
    for i in range(0, len(user_ids), CHUNK):
        chunk = user_ids[i : i + CHUNK]
        found_users |= set(active.filter(user_id__in=chunk).values_list("user_id", flat=True))
    for i in range(0, len(phones), CHUNK):
        chunk = phones[i : i + CHUNK]
        found_phones |= set(active.filter(phone__in=chunk).values_list("phone", flat=True))
    for i in range(0, len(emails), CHUNK):
        chunk = emails[i : i + CHUNK]
        rows = active.annotate(low=Lower("email")).filter(low__in=chunk)
        found_emails |= set(rows.values_list("low", flat=True))
    return found_users, found_phones, found_emails
