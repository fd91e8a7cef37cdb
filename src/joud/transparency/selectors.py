"""Reading the published open data: the newest ready release and its files."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import storages

from joud.transparency.catalogue import FILES, FILES_BY_NAME
from joud.transparency.models import OpenDataRelease


def latest_release() -> OpenDataRelease | None:
    return OpenDataRelease.objects.filter(ready=True).order_by("-slot").first()


@dataclass(frozen=True)
class PublishedFile:
    name: str
    release: OpenDataRelease
    path: str
    sha256: str
    size: int
    rows: int | None

    @property
    def etag(self) -> str:
        return f'"{self.sha256[:32]}"'

    @property
    def kib(self) -> int:
        return max(1, round(self.size / 1024))

    @property
    def dated_name(self) -> str:
        stem, ext = self.name.rsplit(".", 1)
        return f"joud-{stem}-{self.release.generated_at:%Y-%m-%d}.{ext}"

    def read(self) -> bytes:
        with storages["default"].open(self.path, "rb") as handle:
            return handle.read()


def published_file(name: str, release: OpenDataRelease | None = None) -> PublishedFile | None:
    """The newest copy of a file by its stable name; None when there is none yet."""
    if name not in FILES_BY_NAME:
        return None
    release = release or latest_release()
    info = (release.files or {}).get(name) if release else None
    if not info:
        return None
    return PublishedFile(
        name=name,
        release=release,
        path=info["path"],
        sha256=info["sha256"],
        size=int(info["bytes"]),
        rows=info.get("rows"),
    )


def catalogue_with_files() -> tuple[OpenDataRelease | None, list[tuple]]:
    """Each documented file with its newest copy (or None), for the public page."""
    release = latest_release()
    return release, [(f, published_file(f.name, release)) for f in FILES]
