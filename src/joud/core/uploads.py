"""A document's upload checked before it is kept: PDF, JPEG or PNG only, by its name and by its
content, then encrypted and stored under a random name in the private ``documents`` storage.

One checker for every private document (case documents, organizations' registration
documents). The original name is kept as data (the model's ``original_name``), never as the
stored file's name: a name chosen by the uploader (``evil.html``) must not decide what the
server keeps or how a browser would open it. The bytes are encrypted before they reach the
storage (``joud.core.crypto.encrypt_bytes``), so neither a disk nor a bucket holds a readable
document; ``read`` decrypts for the download views, which check who asks.
"""

from __future__ import annotations

import io
import logging
import uuid
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from joud.core import crypto
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png"}
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
UNKNOWN_TYPE = "application/octet-stream"


def _wrong_type(field: str) -> BusinessError:
    return BusinessError(_("Documents must be PDF, JPEG or PNG files."), field=field)


def _sniff(data: bytes, field: str) -> str:
    """The type the content really is ("pdf", "jpg" or "png"), or a refusal."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        raise _wrong_type(field)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise BusinessError(
            _("This picture is damaged or not a real JPEG or PNG file."), field=field
        ) from None
    if fmt not in IMAGE_FORMATS:
        raise _wrong_type(field)
    return IMAGE_FORMATS[fmt]


def original_name(upload) -> str:
    """The uploader's file name as data: no folders, no control characters, 255 at most."""
    name = PurePosixPath(str(getattr(upload, "name", "") or "").replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:255]


def checked_bytes(upload, *, field: str = "file") -> tuple[bytes, str]:
    """The upload's bytes and the type they really are ("pdf", "jpg" or "png"), or a refusal
    (``BusinessError`` on ``field``): too large, a name or a content outside the allow-list, a
    damaged picture, or a name that says one type and a content that is another."""
    if upload is None:
        raise BusinessError(_("Choose a file to upload."), field=field)
    too_large = BusinessError(_("The file is larger than 10 MB."), field=field)
    if (getattr(upload, "size", 0) or 0) > MAX_DOCUMENT_BYTES:
        raise too_large
    extension = PurePosixPath(original_name(upload).lower()).suffix
    if extension not in ALLOWED_EXTENSIONS:
        raise _wrong_type(field)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise too_large
    kind = _sniff(data, field)
    if kind != ALLOWED_EXTENSIONS[extension]:
        raise _wrong_type(field)  # a picture renamed .pdf, or the other way round
    return data, kind


def checked_document(upload, *, field: str = "file") -> tuple[ContentFile, str]:
    """The upload's bytes, checked and encrypted, under a random name with the extension of what
    they really are, and the content type they were sniffed to be."""
    data, kind = checked_bytes(upload, field=field)
    return sealed(data, kind), CONTENT_TYPES[kind]


def sealed(data: bytes, kind: str) -> ContentFile:
    """``data`` encrypted, as a file with a random name ending in ``.kind``."""
    return stored_file(crypto.encrypt_bytes(data), kind)


def stored_file(token: bytes, kind: str) -> ContentFile:
    """Already encrypted bytes as a file with a random name ending in ``.kind``."""
    return ContentFile(token, name=f"{uuid.uuid4().hex}.{kind}")


def read(document) -> bytes:
    """A stored document's original bytes (decrypted; a not yet moved old one as it is).
    ``document`` has a ``file`` and an ``encrypted`` flag."""
    with document.file.open("rb") as stored:
        data = stored.read()
    return crypto.decrypt_bytes(data) if document.encrypted else data


def sniffed_type(data: bytes) -> tuple[str, str]:
    """(extension, content type) of an old document's bytes; unknown content stays opaque."""
    try:
        kind = _sniff(data, "file")
    except BusinessError:
        return "bin", UNKNOWN_TYPE
    return kind, CONTENT_TYPES[kind]


def download_response(document, *, fallback_name: str) -> HttpResponse:
    """``document`` decrypted, as an attachment of the type its content was sniffed to be, named
    after the uploader's name with the stored (sniffed) extension; never stored by a browser or
    a proxy, never sniffed into something else. Raises ``FileNotFoundError``/``OSError`` when the
    file is gone (the views answer 404)."""
    data = read(document)
    stem = PurePosixPath(document.original_name).stem or fallback_name
    filename = f"{stem}{PurePosixPath(document.file.name).suffix}"
    response = HttpResponse(data, content_type=document.content_type or UNKNOWN_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


# ---- documents kept before encryption, and key rotation ---------------------------------------
# ``model`` below is a document model with ``file`` (in the private storage), ``original_name``,
# ``content_type``, ``encrypted`` and ``updated_at``: ``CaseDocument``, ``OrganizationDocument``.


def _replace(doc, token: bytes, kind: str, old: Storage, old_name: str) -> None:
    """Store ``token`` (encrypted bytes) as ``doc``'s file under a new random name; the old
    file is deleted once the row pointing at the new one is committed."""
    stored = stored_file(token, kind)
    doc.file.save(stored.name, stored, save=False)
    doc.save(update_fields=["file", "original_name", "content_type", "encrypted", "updated_at"])
    transaction.on_commit(lambda: old.delete(old_name) if old.exists(old_name) else None)


def _old_bytes(name: str, sources: list[Storage]) -> tuple[bytes, Storage] | None:
    for source in sources:
        if name and source.exists(name):
            with source.open(name, "rb") as stored:
                return stored.read(), source
    return None


def move_legacy(model, *, audit_action: str, source: Storage | None = None) -> dict[str, int]:
    """Move every ``model`` document stored before encryption into the private store: read it
    where it was kept (``source``, by default the public media storage, or already the documents
    storage), encrypt it, store it under a random name with the extension of what its content is,
    and delete the old file.

    Idempotent: a moved document is marked ``encrypted`` and never moved again; one whose file
    is missing is counted and left as it is (run again once the file is restored).
    """
    sources = [source or storages["default"], storages["documents"]]
    moved = missing = 0
    with scopes_disabled():
        pending = list(
            model.objects.filter(encrypted=False).order_by("pk").values_list("pk", flat=True)
        )
        for pk in pending:
            with transaction.atomic():
                doc = model.objects.select_for_update().filter(pk=pk).first()
                if doc is None or doc.encrypted:
                    continue  # deleted, or moved by a run alongside
                old_name = doc.file.name
                found = _old_bytes(old_name, sources)
                if found is None:
                    missing += 1
                    logger.warning("%s %s: file %r not found", model.__name__, pk, old_name)
                    continue
                data, where = found
                kind, doc.content_type = sniffed_type(data)
                if not doc.original_name:
                    doc.original_name = original_name(PurePosixPath(old_name))
                doc.encrypted = True
                _replace(doc, crypto.encrypt_bytes(data), kind, where, old_name)
                moved += 1
    if moved or missing:
        audit_log(action=audit_action, data={"moved": moved, "missing": missing})
    return {"moved": moved, "missing": missing}


def rotate_all(model) -> int:
    """Re-encrypt every encrypted ``model`` document with the newest key (the first of
    JOUD_FIELD_KEYS), so the older keys can be removed afterwards. Each gets a new file."""
    private = storages["documents"]
    count = 0
    with scopes_disabled():
        for doc in model.objects.filter(encrypted=True).order_by("pk").iterator():
            old_name = doc.file.name
            if not private.exists(old_name):
                logger.warning("%s %s: file %r not found", model.__name__, doc.pk, old_name)
                continue
            with private.open(old_name, "rb") as stored:
                token = crypto.rotate_bytes(stored.read())
            kind = PurePosixPath(old_name).suffix.lstrip(".") or "bin"
            with transaction.atomic():
                _replace(doc, token, kind, private, old_name)
            count += 1
    return count
