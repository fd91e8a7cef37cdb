"""Case documents, encrypted at rest in the private ``documents`` storage: adding one, moving the
documents kept before encryption (original names, the public media storage) into it, and
re-encrypting them all with the newest key when keys rotate."""

from __future__ import annotations

import logging
from pathlib import PurePosixPath

from django.core.files.storage import Storage, storages
from django.db import transaction

from joud.beneficiaries import crypto
from joud.beneficiaries.models import Case, CaseDocument
from joud.core import uploads
from joud.core.audit import audit_log
from joud.core.tenancy import scopes_disabled

logger = logging.getLogger(__name__)


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


def _replace(doc: CaseDocument, token: bytes, kind: str, old: Storage, old_name: str) -> None:
    """Store ``token`` (encrypted bytes) as ``doc``'s file under a new random name; the old
    file is deleted once the row pointing at the new one is committed."""
    stored = uploads.stored_file(token, kind)
    doc.file.save(stored.name, stored, save=False)
    doc.save(update_fields=["file", "original_name", "content_type", "encrypted", "updated_at"])
    transaction.on_commit(lambda: old.delete(old_name) if old.exists(old_name) else None)


def _old_bytes(name: str, sources: list[Storage]) -> tuple[bytes, Storage] | None:
    for source in sources:
        if name and source.exists(name):
            with source.open(name, "rb") as stored:
                return stored.read(), source
    return None


def documents_move_legacy(*, source: Storage | None = None) -> dict[str, int]:
    """Move every document stored before encryption into the private store: read it where it was
    kept (the public media storage, or already the documents storage), encrypt it, store it under
    a random name with the extension of what its content is, and delete the old file.

    Idempotent: a moved document is marked ``encrypted`` and never moved again; one whose file
    is missing is counted and left as it is (run again once the file is restored).
    """
    sources = [source or storages["default"], storages["documents"]]
    moved = missing = 0
    with scopes_disabled():
        pending = list(
            CaseDocument.objects.filter(encrypted=False).order_by("pk").values_list("pk", flat=True)
        )
        for pk in pending:
            with transaction.atomic():
                doc = CaseDocument.objects.select_for_update().filter(pk=pk).first()
                if doc is None or doc.encrypted:
                    continue  # deleted, or moved by a run alongside
                old_name = doc.file.name
                found = _old_bytes(old_name, sources)
                if found is None:
                    missing += 1
                    logger.warning("case document %s: file %r not found", pk, old_name)
                    continue
                data, where = found
                kind, doc.content_type = uploads.sniffed_type(data)
                if not doc.original_name:
                    doc.original_name = uploads.original_name(PurePosixPath(old_name))
                doc.encrypted = True
                _replace(doc, crypto.encrypt_bytes(data), kind, where, old_name)
                moved += 1
    if moved or missing:
        audit_log(action="joud.case.documents_moved", data={"moved": moved, "missing": missing})
    return {"moved": moved, "missing": missing}


def documents_rotate() -> int:
    """Re-encrypt every encrypted document with the newest key (the first of JOUD_FIELD_KEYS),
    so the older keys can be removed afterwards. Each document gets a new file."""
    private = storages["documents"]
    count = 0
    with scopes_disabled():
        for doc in CaseDocument.objects.filter(encrypted=True).order_by("pk").iterator():
            old_name = doc.file.name
            if not private.exists(old_name):
                logger.warning("case document %s: file %r not found", doc.pk, old_name)
                continue
            with private.open(old_name, "rb") as stored:
                token = crypto.rotate_bytes(stored.read())
            kind = PurePosixPath(old_name).suffix.lstrip(".") or "bin"
            with transaction.atomic():
                _replace(doc, token, kind, private, old_name)
            count += 1
    return count
