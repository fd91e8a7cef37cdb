"""Organizations' writes: the licence application and the one place their status changes.

``organization_transition`` takes a step of ``ORGANIZATION_WORKFLOW`` (``joud.core.workflow``):
the guard, the reason and the audit entry. Organizations call it to apply and resubmit; the
ministry's decisions (``joud.ministry.services``) are the only callers for approval, rejection
and suspension.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from joud.core import uploads
from joud.core.dates import add_working_days
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.workflow import ActorKind, Refusals, Workflow, step
from joud.organizations.access import require_admin
from joud.organizations.models import Membership, Organization, OrganizationDocument
from joud.organizations.validators import normalize_iban

Status = Organization.Status
ORG, MINISTRY = ActorKind.ORGANIZATION, ActorKind.MINISTRY

ORGANIZATION_WORKFLOW = Workflow(
    "organization",
    {
        (Status.DRAFT, Status.PENDING): step("applied", ORG),
        (Status.CHANGES_REQUESTED, Status.PENDING): step("resubmitted", ORG),
        (Status.PENDING, Status.ACTIVE): step("approved", MINISTRY),
        (Status.PENDING, Status.REJECTED): step("rejected", MINISTRY, reason=True),
        (Status.PENDING, Status.CHANGES_REQUESTED): step(
            "changes_requested", MINISTRY, reason=True
        ),
        (Status.ACTIVE, Status.SUSPENDED): step("suspended", MINISTRY, reason=True),
        (Status.SUSPENDED, Status.ACTIVE): step("reinstated", MINISTRY, reason=True),
    },
    labels=Status,
    refusals=Refusals(
        not_allowed=gettext_noop("An organization cannot go from “%(from)s” to “%(to)s”."),
        wrong_actor=_("You are not allowed to take this decision."),
        reviewer_only=_("Only a ministry reviewer can take this decision."),
        reason_needed=_("Give the reason for this decision."),
    ),
)
ORGANIZATION_TRANSITIONS = ORGANIZATION_WORKFLOW


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
        transition = ORGANIZATION_WORKFLOW.check(
            source=org.status, to=to, by=by, actor=actor, reason=reason
        )
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
        ORGANIZATION_WORKFLOW.record(
            transition, target=org, source=previous, to=to, actor=actor, reason=reason, data=data
        )
    organization.refresh_from_db()
    return org


# ---- the application -------------------------------------------------------------------------


def _checked_documents(user, documents: dict) -> list[tuple[str, dict]]:
    """Each upload checked (``joud.core.uploads``: PDF, JPEG or PNG by name and content, 10 MB at
    most; a refusal names the form field of that document) and encrypted, as the values of its
    ``OrganizationDocument`` row, before anything is written."""
    checked = []
    for kind, upload in documents.items():
        if not upload:
            continue
        stored, content_type = uploads.checked_document(upload, field=kind)
        values = {
            "file": stored,
            "original_name": uploads.original_name(upload),
            "content_type": content_type,
            "encrypted": True,
            "uploaded_by": user,
        }
        checked.append((kind, values))
    return checked


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
    checked = _checked_documents(user, documents)
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
        _save_documents(org, checked)
        organization_transition(organization=org, to=Status.PENDING, by=ORG, actor=user)
    org.refresh_from_db()
    return org


def _save_documents(org: Organization, checked: list[tuple[str, dict]]) -> None:
    for kind, values in checked:
        OrganizationDocument.objects.create(organization=org, kind=kind, **values)


def organization_resubmit(
    *, organization: Organization, user, data: dict, documents: dict
) -> Organization:
    """After the ministry asked for changes: correct the application and send it again."""
    require_admin(user, organization)
    if organization.status != Status.CHANGES_REQUESTED:
        raise BusinessError(_("This application is not waiting for changes."))
    checked = _checked_documents(user, documents)
    with transaction.atomic():
        for field in APPLICATION_FIELDS:
            if field in data and data[field] is not None:
                setattr(organization, field, data[field])
        organization.iban = normalize_iban(organization.iban)
        organization.save()
        _save_documents(organization, checked)
        return organization_transition(
            organization=organization, to=Status.PENDING, by=ORG, actor=user
        )


def organization_documents_move_legacy(*, source=None) -> dict[str, int]:
    """Move every registration document stored before encryption (the public media storage)
    into the private store, encrypted under a random name; idempotent
    (``joud.core.uploads.move_legacy``)."""
    return uploads.move_legacy(
        OrganizationDocument, audit_action="joud.organization.documents_moved", source=source
    )


def organization_documents_rotate() -> int:
    """Re-encrypt every encrypted registration document with the newest key."""
    return uploads.rotate_all(OrganizationDocument)
