"""The uploaded files: every file storage on the local disk is copied whole (public media and the
private case documents under ``private/``, as stored: encrypted if they are encrypted); a storage
elsewhere (S3-compatible) is named in the manifest with a note, since the bucket's own versioning
or replication is its backup."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

SKIPPED = ("staticfiles",)  # rebuilt by collectstatic from the code, never user data


def _file_storages() -> dict[str, object]:
    return {alias: storages[alias] for alias in settings.STORAGES if alias not in SKIPPED}


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def copy_out(target: Path) -> dict[str, dict]:
    """Copy each local storage into ``target/<alias>``; return what was (and was not) copied."""
    report: dict[str, dict] = {}
    seen: dict[Path, str] = {}
    for alias, storage in _file_storages().items():
        backend = f"{type(storage).__module__}.{type(storage).__qualname__}"
        if not isinstance(storage, FileSystemStorage):
            report[alias] = {
                "backend": backend,
                "copied": False,
                "note": "not on the local disk: back the bucket up with its provider "
                "(versioning, replication); the database dump names every file it holds.",
            }
            continue
        location = Path(storage.location).resolve()
        if location in seen:  # two aliases on one folder: copied once
            report[alias] = {"backend": backend, "copied": False, "same_as": seen[location]}
            continue
        seen[location] = alias
        folder = target / alias
        if location.is_dir():
            # Plain copies, modes not kept: the backup is private whatever the files were.
            shutil.copytree(location, folder, symlinks=False, copy_function=shutil.copyfile)
        else:
            folder.mkdir(parents=True)
        count, size = _size(folder)
        report[alias] = {"backend": backend, "copied": True, "files": count, "bytes": size}
    return report


def _targets(source: Path, saved: dict[str, dict]):
    """(alias, folder in the backup, this environment's local folder or None) per copied alias."""
    current = _file_storages()
    for alias, info in saved.items():
        if info.get("copied"):
            storage = current.get(alias)
            location = Path(storage.location) if isinstance(storage, FileSystemStorage) else None
            yield alias, source / alias, location


def _apply_modes(storage: FileSystemStorage, folder: Path, location: Path) -> None:
    """Restored files get the modes uploads get (FILE_UPLOAD_PERMISSIONS, ...), not the
    backup's private ones: nginx must read the public covers again."""
    for path in folder.rglob("*"):
        target = location / path.relative_to(folder)
        mode = (
            storage.directory_permissions_mode if path.is_dir() else storage.file_permissions_mode
        )
        if mode is not None:
            target.chmod(mode)


def clashes(source: Path, saved: dict[str, dict]) -> list[str]:
    """Files of the backup that already exist where they would be put back."""
    found = []
    for alias, folder, location in _targets(source, saved):
        if location is None:
            continue
        count = sum(
            1
            for p in folder.rglob("*")
            if p.is_file() and (location / p.relative_to(folder)).exists()
        )
        if count:
            found.append(f"files '{alias}': {count} file(s) already exist in {location}")
    return found


def copy_back(source: Path, saved: dict[str, dict]) -> list[str]:
    """Put each copied storage back into this environment's storage of the same alias."""
    lines = [
        f"files '{alias}': not in the backup ({info.get('note') or 'same folder as another'})"
        for alias, info in saved.items()
        if not info.get("copied")
    ]
    for alias, folder, location in _targets(source, saved):
        if location is None:
            lines.append(
                f"files '{alias}': this environment's storage is not on the local disk; copy "
                f"{folder} into it yourself"
            )
            continue
        location.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, location, dirs_exist_ok=True, copy_function=shutil.copyfile)
        _apply_modes(storages[alias], folder, location)
        lines.append(f"files '{alias}': {_size(folder)[0]} file(s) put back into {location}")
    return lines
