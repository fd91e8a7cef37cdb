"""A case document's upload checked before it is kept: PDF, JPEG or PNG only, by its name and by
its content, then encrypted and stored under a random name in the private ``documents`` storage.

The original name is kept as data (``CaseDocument.original_name``), never as the stored file's
name: a name chosen by the uploader (``evil.html``) must not decide what the server keeps or how
a browser would open it. The bytes are encrypted before they reach the storage (Fernet with the
beneficiaries' keys, ``crypto.encrypt_bytes``), so neither a disk nor a bucket holds a readable
civil ID card; ``read`` decrypts for the download view, which checks who asks.
"""

from __future__ import annotations

import io
import uuid
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from joud.beneficiaries import crypto
from joud.core.errors import BusinessError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png"}
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
UNKNOWN_TYPE = "application/octet-stream"


def _wrong_type() -> BusinessError:
    return BusinessError(_("Documents must be PDF, JPEG or PNG files."), field="file")


def _sniff(data: bytes) -> str:
    """The type the content really is ("pdf", "jpg" or "png"), or a refusal."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        raise _wrong_type()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise BusinessError(
            _("This picture is damaged or not a real JPEG or PNG file."), field="file"
        ) from None
    if fmt not in IMAGE_FORMATS:
        raise _wrong_type()
    return IMAGE_FORMATS[fmt]


def original_name(upload) -> str:
    """The uploader's file name as data: no folders, no control characters, 255 at most."""
    name = PurePosixPath(str(getattr(upload, "name", "") or "").replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:255]


def checked_document(upload) -> tuple[ContentFile, str]:
    """The upload's bytes, encrypted, under a random name with the extension of what they really
    are, and the content type they were sniffed to be."""
    if upload is None:
        raise BusinessError(_("Choose a file to upload."), field="file")
    if (getattr(upload, "size", 0) or 0) > MAX_DOCUMENT_BYTES:
        raise BusinessError(_("The file is larger than 10 MB."), field="file")
    extension = PurePosixPath(original_name(upload).lower()).suffix
    if extension not in ALLOWED_EXTENSIONS:
        raise _wrong_type()
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise BusinessError(_("The file is larger than 10 MB."), field="file")
    kind = _sniff(data)
    if kind != ALLOWED_EXTENSIONS[extension]:
        raise _wrong_type()  # a picture renamed .pdf, or the other way round
    return sealed(data, kind), CONTENT_TYPES[kind]


def sealed(data: bytes, kind: str) -> ContentFile:
    """``data`` encrypted, as a file with a random name ending in ``.kind``."""
    return stored_file(crypto.encrypt_bytes(data), kind)


def stored_file(token: bytes, kind: str) -> ContentFile:
    """Already encrypted bytes as a file with a random name ending in ``.kind``."""
    return ContentFile(token, name=f"{uuid.uuid4().hex}.{kind}")


def read(document) -> bytes:
    """A stored document's original bytes (decrypted; a not yet moved old one as it is)."""
    with document.file.open("rb") as stored:
        data = stored.read()
    return crypto.decrypt_bytes(data) if document.encrypted else data


def sniffed_type(data: bytes) -> tuple[str, str]:
    """(extension, content type) of an old document's bytes; unknown content stays opaque."""
    try:
        kind = _sniff(data)
    except BusinessError:
        return "bin", UNKNOWN_TYPE
    return kind, CONTENT_TYPES[kind]
