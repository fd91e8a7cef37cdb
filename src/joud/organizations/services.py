"""Organizations' writes: the licence application and the one place their status changes.

``organization_transition`` checks the allowed-transitions table, records the reason and writes
the audit log. Organizations call it to apply and resubmit; the ministry's decisions
(``joud.ministry.services``) are the only callers for approval, rejection and suspension.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.dates import add_working_days
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.organizations.models import Membership, Organization, OrganizationDocument
from joud.organizations.validators import normalize_iban

Status = Organization.Status


class ActorKind(StrEnum):
    """Who may take a transition: the organization itself, a ministry reviewer, the scheduler."""

    ORGANIZATION = "organization"
    MINISTRY = "ministry"
    SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    verb: str  # the audit action is joud.organization.<verb>
    by: frozenset[ActorKind]
    needs_reason: bool = False


def _t(verb: str, *by: ActorKind, reason: bool = False) -> Transition:
    return Transition(verb=verb, by=frozenset(by), needs_reason=reason)


ORG, MINISTRY = ActorKind.ORGANIZATION, ActorKind.MINISTRY

ORGANIZATION_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (Status.DRAFT, Status.PENDING): _t("applied", ORG),
    (Status.CHANGES_REQUESTED, Status.PENDING): _t("resubmitted", ORG),
    (Status.PENDING, Status.ACTIVE): _t("approved", MINISTRY),
    (Status.PENDING, Status.REJECTED): _t("rejected", MINISTRY, reason=True),
    (Status.PENDING, Status.CHANGES_REQUESTED): _t("changes_requested", MINISTRY, reason=True),
    (Status.ACTIVE, Status.SUSPENDED): _t("suspended", MINISTRY, reason=True),
    (Status.SUSPENDED, Status.ACTIVE): _t("reinstated", MINISTRY, reason=True),
}


def organization_transition(
    *,
    organization: Organization,
    to: str,
    by: ActorKind,
    actor=None,
    reason: str = "",
    data: dict | None = None,
) -> Organization:
    """Move ``organization`` to status ``to`` if the table allows it for ``by``."""
    reason = (reason or "").strip()
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        transition = ORGANIZATION_TRANSITIONS.get((org.status, to))
        if transition is None:
            raise BusinessError(
                gettext("An organization cannot go from “%(from)s” to “%(to)s”.")
                % {"from": Status(org.status).label, "to": Status(to).label},
                code="transition_not_allowed",
            )
        if by not in transition.by:
            raise PermissionDeniedError(_("You are not allowed to take this decision."))
        if by == MINISTRY and not getattr(actor, "is_ministry_reviewer", False):
            raise PermissionDeniedError(_("Only a ministry reviewer can take this decision."))
        if transition.needs_reason and not reason:
            raise BusinessError(_("Give the reason for this decision."), field="reason")
        previous = org.status
        now = timezone.now()
        org.status = to
        if to == Status.PENDING:
            org.applied_at = now
            org.answer_due_on = add_working_days(
                timezone.localdate(now), settings.JOUD_MINISTRY_ANSWER_WORKING_DAYS
            )
        if by == MINISTRY:
            org.decided_at = now
            org.status_reason = reason
        elif reason:
            org.status_reason = reason
        for field, value in (data or {}).items():
            if field in ("licence_expires_on",):
                setattr(org, field, value)
        org.save()
        audit_log(
            action=f"joud.organization.{transition.verb}",
            actor=actor,
            target=org,
            data={"from": previous, "to": to, "reason": reason, **(data or {})},
        )
    organization.refresh_from_db()
    return org


# ---- the application -------------------------------------------------------------------------

DOCUMENT_TYPES = {
    b"%PDF": "pdf",
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpg",
}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def _check_document(upload) -> None:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise BusinessError(_("Each document must be 10 MB or smaller."), field="documents")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in DOCUMENT_TYPES):
        raise BusinessError(_("Documents must be PDF, JPEG or PNG files."), field="documents")


def _unique_slug(name_en: str, name_ar: str) -> str:
    base = slugify(name_en)[:60] or "org"
    base = re.sub(r"-+", "-", base).strip("-") or "org"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


APPLICATION_FIELDS = (
    "kind",
    "name_ar",
    "name_en",
    "licence_number",
    "governorate",
    "wilayat",
    "description_ar",
    "description_en",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "bank_name",
    "iban",
)


def organization_apply(*, user, data: dict, documents: dict) -> Organization:
    """A signed-in person applies for a licence for an organization and becomes its admin.

    ``documents`` maps an ``OrganizationDocument.Kind`` to an uploaded file; the registration
    certificate is required.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to apply for a licence."))
    if not documents.get(OrganizationDocument.Kind.REGISTRATION):
        raise BusinessError(_("Upload the registration certificate."), field="registration")
    for upload in documents.values():
        if upload:
            _check_document(upload)
    wilayat = data.get("wilayat")
    if wilayat is not None and wilayat.governorate_id != data["governorate"].pk:
        raise BusinessError(_("The wilayat is not in the governorate chosen."), field="wilayat")
    with transaction.atomic():
        values = {f: data.get(f) for f in APPLICATION_FIELDS if data.get(f) is not None}
        values["iban"] = normalize_iban(values.get("iban", ""))
        org = Organization.objects.create(
            slug=_unique_slug(data.get("name_en", ""), data["name_ar"]),
            status=Status.DRAFT,
            **values,
        )
        Membership.objects.create(user=user, organization=org, role=Membership.Role.ADMIN)
        _save_documents(org, user, documents)
        organization_transition(organization=org, to=Status.PENDING, by=ORG, actor=user)
    org.refresh_from_db()
    return org


def _save_documents(org: Organization, user, documents: dict) -> None:
    for kind, upload in documents.items():
        if not upload:
            continue
        OrganizationDocument.objects.create(
            organization=org,
            kind=kind,
            file=upload,
            original_name=(upload.name or "")[:255],
            uploaded_by=user,
        )


def _require_admin(user, org: Organization) -> None:
    if not Membership.objects.filter(
        user=user, organization=org, role=Membership.Role.ADMIN, is_active=True
    ).exists():
        raise PermissionDeniedError(_("Only the organization's administrator can do this."))


def organization_resubmit(
    *, organization: Organization, user, data: dict, documents: dict
) -> Organization:
    """After the ministry asked for changes: correct the application and send it again."""
    _require_admin(user, organization)
    if organization.status != Status.CHANGES_REQUESTED:
        raise BusinessError(_("This application is not waiting for changes."))
    for upload in documents.values():
        if upload:
            _check_document(upload)
    with transaction.atomic():
        for field in APPLICATION_FIELDS:
            if field in data and data[field] is not None:
                setattr(organization, field, data[field])
        organization.iban = normalize_iban(organization.iban)
        organization.save()
        _save_documents(organization, user, documents)
        return organization_transition(
            organization=organization, to=Status.PENDING, by=ORG, actor=user
        )


def organization_refresh_overdue_flag(
    *, organization: Organization, today: dt.date | None = None
) -> bool:
    """Flag the organization while any of its campaign reports is overdue."""
    from joud.campaigns.models import Initiative
    from joud.core.tenancy import scopes_disabled

    today = today or timezone.localdate()
    with scopes_disabled():
        overdue = Initiative.objects.filter(
            organization=organization,
            state=Initiative.State.ENDED,
            report_due_on__lt=today,
        ).exists()
    if organization.has_overdue_report != overdue:
        Organization.objects.filter(pk=organization.pk).update(has_overdue_report=overdue)
        organization.has_overdue_report = overdue
    return overdue
