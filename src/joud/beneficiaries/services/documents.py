"""Case documents, encrypted at rest in the private ``documents`` storage: adding one, moving the
documents kept before encryption (original names, the public media storage) into it, and
re-encrypting them all with the newest key when keys rotate."""

from __future__ import annotations

from django.core.files.storage import Storage
from django.db import transaction

from joud.beneficiaries.models import Case, CaseDocument
from joud.core import uploads
from joud.core.audit import audit_log


@transaction.atomic
def document_add(*, case: Case, actor, kind: str, file, note: str = "") -> CaseDocument:
    stored, content_type = uploads.checked_document(file)
    doc = CaseDocument.objects.create(
        organization=case.organization,
        case=case,
        kind=kind,
        file=stored,
        original_name=uploads.original_name(file),
        content_type=content_type,
        encrypted=True,
        note=note.strip(),
        uploaded_by=actor,
    )
    audit_log(action="joud.case.document_added", actor=actor, target=case, data={"kind": kind})
    return doc


def documents_move_legacy(*, source: Storage | None = None) -> dict[str, int]:
    """Move every case document stored before encryption (original names, the public media
    storage) into the private store, encrypted; idempotent (``joud.core.uploads.move_legacy``)."""
    return uploads.move_legacy(
        CaseDocument, audit_action="joud.case.documents_moved", source=source
    )


def documents_rotate() -> int:
    """Re-encrypt every encrypted case document with the newest key."""
    return uploads.rotate_all(CaseDocument)
