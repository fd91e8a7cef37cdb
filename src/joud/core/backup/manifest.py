"""What a backup says about itself, and the same facts read from a live database to compare.

The manifest is read inside the dump's own snapshot (see ``run.write_backup``), so its counts are
exactly the dump's. ``KEYS-NEEDED.txt`` names the secrets the data cannot be read without; the
values never leave the environment: only a one-way fingerprint (an HMAC of a fixed text under the
key) that tells an operator which key is meant without revealing it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files"
KEYS_NEEDED = "KEYS-NEEDED.txt"
_FINGERPRINT_TEXT = b"joud backup key fingerprint v1"

# (environment variable, what is lost without it). Values are never written anywhere.
NEEDED_KEYS = (
    (
        "JOUD_FIELD_KEYS",
        "decrypts beneficiaries' civil IDs and phone numbers (and any data encrypted at rest). "
        "Every key listed at backup time must still be in the list, in any order: without the "
        "key that encrypted a value, that value is lost for good.",
    ),
    (
        "JOUD_BLIND_INDEX_KEY",
        "duplicate detection across associations: the exact same value, for the platform's "
        "life. Another value restores the data but no case matches any earlier case again.",
    ),
    (
        "DJANGO_SECRET_KEY",
        "signs sessions, sign-in codes and links. Not needed to read the data: a new value "
        "only signs everybody out.",
    ),
    (
        "payment gateway and messaging secrets (JOUD_THAWANI_*, JOUD_STRIPE_*, EMAIL_URL, the "
        "SMS gateway's)",
        "not in the data; needed to run the platform again, from the gateway's and the "
        "provider's portals.",
    ),
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def _fingerprint(value: str) -> str:
    return hmac.new(value.encode(), _FINGERPRINT_TEXT, hashlib.sha256).hexdigest()[:16]


def key_fingerprints() -> dict:
    """One-way fingerprints of the keys the data needs, from the running settings."""
    field_keys = [str(k) for k in getattr(settings, "JOUD_FIELD_KEYS", []) or []]
    index_key = str(getattr(settings, "JOUD_BLIND_INDEX_KEY", "") or "")
    return {
        "JOUD_FIELD_KEYS": [_fingerprint(k) for k in field_keys],
        "JOUD_BLIND_INDEX_KEY": _fingerprint(index_key) if index_key else "",
    }


def key_problems(saved: dict) -> list[str]:
    """How this environment's keys differ from those the backup's data was written with."""
    now = key_fingerprints()
    problems = []
    missing = [fp for fp in saved.get("JOUD_FIELD_KEYS", []) if fp not in now["JOUD_FIELD_KEYS"]]
    if missing:
        problems.append(
            f"JOUD_FIELD_KEYS lacks {len(missing)} key(s) the backup's data was encrypted with "
            f"(fingerprints {', '.join(missing)}): add them, or that data cannot be read."
        )
    if (
        saved.get("JOUD_BLIND_INDEX_KEY")
        and saved["JOUD_BLIND_INDEX_KEY"] != now["JOUD_BLIND_INDEX_KEY"]
    ):
        problems.append(
            "JOUD_BLIND_INDEX_KEY is not the key of the backup (fingerprint "
            f"{saved['JOUD_BLIND_INDEX_KEY']}): duplicate detection would match nothing restored."
        )
    return problems


def table_counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    return counts


def ledger_state(alias: str) -> dict:
    """The ledger's size and the head of its sealed hash chain (looked up by app label)."""
    if not apps.is_installed("joud.ledger"):
        return {}
    txn = apps.get_model("ledger", "Transaction")
    entry = apps.get_model("ledger", "Entry")
    head = (
        txn.objects.using(alias)
        .filter(seq__isnull=False)
        .order_by("-seq")
        .values_list("seq", "hash")
        .first()
    )
    return {
        "transactions": txn.objects.using(alias).count(),
        "entries": entry.objects.using(alias).count(),
        "sealed": txn.objects.using(alias).filter(seq__isnull=False).count(),
        "head_seq": head[0] if head else 0,
        "head_hash": head[1] if head else "",
    }


def applied_migrations(alias: str) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def current_state(alias: str = "default") -> dict:
    """The facts a restore is checked against: every table's rows, the ledger, the migrations."""
    return {
        "tables": table_counts(alias),
        "ledger": ledger_state(alias),
        "migrations": applied_migrations(alias),
    }


def joud_version() -> str:
    try:
        return version("joud")
    except PackageNotFoundError:
        return "unknown"


def write_keys_needed(path: Path, fingerprints: dict) -> None:
    lines = [
        "Keys this backup's data needs. The values are NOT in the backup: keep them apart from",
        "it (a password manager, a safe), and set them in /etc/joud/joud.env before restoring.",
        "Fingerprints are one-way (HMAC-SHA256 of a fixed text under the key); `manage.py",
        "restore` compares them with the keys it runs with.",
        "",
    ]
    for name, why in NEEDED_KEYS:
        lines.append(f"- {name}: {why}")
        printed = fingerprints.get(name)
        if printed:
            shown = ", ".join(printed) if isinstance(printed, list) else printed
            lines.append(f"    fingerprint(s): {shown}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_manifest(path: Path, manifest: dict) -> None:
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} holds no {MANIFEST}: not a Joud backup folder.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is format {manifest.get('format')!r}; this version reads {FORMAT_VERSION}."
        )
    if not (folder / DUMP).is_file():
        raise BackupError(f"{folder} has a manifest but no {DUMP}: the backup is incomplete.")
    return manifest


def differences(saved: dict, now: dict) -> list[str]:
    """Where a restored database differs from the manifest: tables, ledger counts and head."""
    problems = []
    for key, value in saved.get("ledger", {}).items():
        if now.get("ledger", {}).get(key) != value:
            problems.append(f"ledger {key}: backup {value!r}, restored {now['ledger'].get(key)!r}")
    for table, rows in saved.get("tables", {}).items():
        if now["tables"].get(table) != rows:
            problems.append(
                f"table {table}: backup {rows} rows, restored {now['tables'].get(table)}"
            )
    return problems
