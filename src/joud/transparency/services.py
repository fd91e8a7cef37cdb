"""Publishing the open data: once per daily slot, every file written through Django's storage.

``opendata_publish`` claims the slot by inserting its ``OpenDataRelease`` row (unique), builds
every table from the platform and the ledger, writes each file under
``open-data/<slot>/<name>`` in the ``default`` storage (the local disk or S3), then marks the
release ready in one update. A second call for the same slot (a second scheduler, a retried
task, the demo after the scheduler) finds the row and writes nothing. Releases older than
``KEEP_RELEASES`` days are removed with their files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from joud.campaigns.models import Category
from joud.core.audit import audit_log
from joud.core.scheduling import slot_for
from joud.transparency import grants as grants_
from joud.transparency import sources, tables
from joud.transparency.catalogue import FILES_BY_NAME, STORAGE_PREFIX
from joud.transparency.models import OpenDataRelease
from joud.transparency.writers import csv_bytes, json_bytes

logger = logging.getLogger(__name__)

EVERY = dt.timedelta(days=1)
KEEP_RELEASES = 7


def storage():
    return storages["default"]


def current_slot(now: dt.datetime | None = None) -> dt.datetime:
    return slot_for(now or timezone.now(), EVERY)


def build_files(*, generated_at: dt.datetime) -> dict[str, tuple[bytes, int]]:
    """Every published file's bytes and row count."""
    initiatives = sources.public_initiatives()
    figures = sources.ledger_figures()
    t = tables.build_tables(initiatives, figures)
    rows_by_code = {row["code"]: row for row in t.initiatives}
    with override("en"):
        titles = {c.value: str(c.label) for c in Category}
    grants = [
        grants_.grant(
            item, rows_by_code[item.public_code], category_title=titles.get(item.category, "")
        )
        for item in initiatives
    ]
    files: dict[str, tuple[bytes, int]] = {}

    def add_csv(name: str, rows: list[dict]) -> None:
        files[name] = (csv_bytes(FILES_BY_NAME[name].columns, rows), len(rows))

    files["grants.json"] = (
        json_bytes(grants_.package(grants, generated_at=generated_at)),
        len(grants),
    )
    add_csv("grants.csv", grants_.grant_csv_rows(grants))
    add_csv("grants-locations.csv", grants_.location_csv_rows(grants))
    for name, rows in (
        ("organizations", t.organizations),
        ("initiatives", t.initiatives),
        ("disbursements", t.disbursements),
        ("totals", t.totals),
    ):
        add_csv(f"{name}.csv", rows)
        files[f"{name}.json"] = (json_bytes(tables.as_json_rows(rows)), len(rows))
    return files


def _claim(slot: dt.datetime) -> OpenDataRelease | None:
    try:
        with transaction.atomic():
            return OpenDataRelease.objects.create(slot=slot)
    except IntegrityError:
        return None


def opendata_publish(*, now: dt.datetime | None = None) -> OpenDataRelease | None:
    """Write the open data for the current daily slot, unless it is written already.
    Returns the new release, or None when the slot was taken."""
    now = now or timezone.now()
    slot = current_slot(now)
    release = _claim(slot)
    if release is None:
        return None
    written: list[str] = []
    try:
        files = {}
        for name, (content, rows) in build_files(generated_at=now).items():
            path = storage().save(
                f"{STORAGE_PREFIX}/{slot:%Y%m%dT%H%M}/{name}", ContentFile(content)
            )
            written.append(path)
            files[name] = {
                "path": path,
                "sha256": hashlib.sha256(content).hexdigest(),
                "bytes": len(content),
                "rows": rows,
            }
        with transaction.atomic():
            OpenDataRelease.objects.filter(pk=release.pk).update(
                files=files, generated_at=now, ready=True
            )
            audit_log(
                action="joud.opendata.published",
                data={"slot": slot, "files": len(files), "grants": files["grants.json"]["rows"]},
            )
    except Exception:
        # Give the slot back so that a manual run can write it; leave no orphan files.
        for path in written:
            storage().delete(path)
        OpenDataRelease.objects.filter(pk=release.pk).delete()
        logger.exception("open data for slot %s was not published", slot)
        raise
    release.refresh_from_db()
    opendata_prune(keep=KEEP_RELEASES)
    return release


def opendata_publish_if_missing() -> OpenDataRelease | None:
    """The demo's call after seeding: publish now unless some release is there already."""
    if OpenDataRelease.objects.filter(ready=True).exists():
        return None
    return opendata_publish()


def opendata_prune(*, keep: int) -> int:
    """Remove every release but the newest ``keep`` ready ones, files first."""
    old = list(OpenDataRelease.objects.filter(ready=True).order_by("-slot")[keep:])
    for release in old:
        for info in release.files.values():
            storage().delete(info["path"])
        release.delete()
    return len(old)
