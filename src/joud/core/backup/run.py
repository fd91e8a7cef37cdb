"""Writing a backup folder and restoring one, each step checked (see the package's docstring)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from joud.core.backup import files, postgres
from joud.core.backup.manifest import (
    DUMP,
    FILES,
    FORMAT_VERSION,
    KEYS_NEEDED,
    MANIFEST,
    BackupError,
    current_state,
    differences,
    joud_version,
    key_fingerprints,
    key_problems,
    read_manifest,
    write_keys_needed,
    write_manifest,
)

Log = Callable[[str], None]


def _quiet(_line: str) -> None:
    pass


def write_backup(target: Path, *, alias: str = "default", log: Log = _quiet) -> dict:
    """Dump the database and copy the files into ``target``; return the manifest. Everything
    written is readable by its owner only (umask 077): a backup holds personal data."""
    previous = os.umask(0o077)
    try:
        return _write_backup(Path(target), alias, log)
    finally:
        os.umask(previous)


def _write_backup(target: Path, alias: str, log: Log) -> dict:
    """``target`` is new or empty.

    One REPEATABLE READ transaction exports its snapshot; pg_dump reads that very snapshot while
    the manifest's counts and ledger head are read in it too, so they describe the dump exactly,
    whatever the site writes meanwhile. The manifest is written last: a folder without one is
    an interrupted backup.
    """
    postgres.require_postgresql(alias)
    postgres.require_connection(alias)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder for each backup.")
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("backup must run outside a transaction (it opens its own snapshot).")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        state = current_state(alias)
        log(f"database: dumping snapshot {snapshot} ({len(state['tables'])} tables)")
        postgres.dump(alias, target / DUMP, snapshot=snapshot)
    stored = files.copy_out(target / FILES)
    fingerprints = key_fingerprints()
    manifest = {
        "format": FORMAT_VERSION,
        "joud_version": joud_version(),
        "created_at": timezone.now().isoformat(),
        "database": {
            "name": connection.settings_dict.get("NAME", ""),
            "server_version": postgres.server_version(alias),
            "pg_dump": postgres.client_version("pg_dump"),
            "snapshot": snapshot,
        },
        **state,
        "files": stored,
        "keys": fingerprints,
    }
    write_keys_needed(target / KEYS_NEEDED, fingerprints)
    write_manifest(target / MANIFEST, manifest)
    return manifest


def _unknown_migrations(manifest: dict) -> list[str]:
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    known = {f"{app}.{name}" for app, name in on_disk}
    return [m for m in manifest.get("migrations", []) if m not in known]


def _refusals(source: Path, manifest: dict, alias: str, *, force: bool, other_keys: bool):
    """Everything wrong before a byte is written: newer code's backup, keys, a used database."""
    unknown = _unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            f"the backup has {len(unknown)} migration(s) this code does not know (e.g. "
            f"{unknown[0]}): it was made by a newer Joud ({manifest.get('joud_version')}). "
            "Install that version, restore, then upgrade as usual."
        )
    problems = key_problems(manifest.get("keys", {}))
    if problems and not other_keys:
        raise BackupError(
            "\n".join(
                [
                    *problems,
                    "Set the keys listed in KEYS-NEEDED.txt (or pass "
                    "--accept-other-keys to restore anyway).",
                ]
            )
        )
    existing = postgres.tables(alias)
    name = connections[alias].settings_dict.get("NAME")
    if existing and not force:
        raise BackupError(
            f"the database {name} is not empty ({len(existing)} tables): restore into a new "
            "empty database (createdb), or pass --force to replace what the backup holds."
        )
    clashes = files.clashes(source / FILES, manifest.get("files", {}))
    if clashes and not force:
        raise BackupError("\n".join([*clashes, "Restore into empty folders, or pass --force."]))
    return existing


def _verify_ledger() -> str:
    if not apps.is_installed("joud.ledger"):
        return "ledger: not installed"
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ledger_verify", stdout=out, stderr=err)
    except CommandError as exc:
        raise BackupError(f"{exc}\n{err.getvalue()}{out.getvalue()}") from exc
    return out.getvalue().strip()


def restore_backup(
    source: Path,
    *,
    alias: str = "default",
    force: bool = False,
    accept_other_keys: bool = False,
    log: Log = _quiet,
) -> dict:
    """Restore ``source`` into the (empty) database and storages, then prove it came back whole.

    Returns the restored state; raises ``BackupError`` on any refusal or any difference from the
    manifest (row counts, ledger size, sealed chain head) or if ``ledger_verify`` fails.
    """
    source = Path(source)
    manifest = read_manifest(source)
    postgres.require_postgresql(alias)
    postgres.require_connection(alias)
    existing = _refusals(source, manifest, alias, force=force, other_keys=accept_other_keys)
    connections[alias].close()  # pg_restore --clean must not wait for our idle session
    log(f"database: restoring {source / DUMP} (made {manifest.get('created_at')})")
    postgres.restore(alias, source / DUMP, clean=bool(existing))
    for line in files.copy_back(source / FILES, manifest.get("files", {})):
        log(line)
    state = current_state(alias)
    log(_verify_ledger())
    problems = differences(manifest, state)
    if problems:
        raise BackupError("the restore differs from the backup's manifest:\n" + "\n".join(problems))
    ledger = state.get("ledger") or {}
    log(
        f"checked: {len(manifest.get('tables', {}))} tables' row counts, "
        f"{ledger.get('transactions', 0)} ledger transactions, chain head "
        f"#{ledger.get('head_seq', 0)} {ledger.get('head_hash', '')[:16]}… equal the backup's"
    )
    pending = _pending_migrations(alias)
    if pending:
        log(f"this code has {len(pending)} migration(s) the backup lacks: run manage.py migrate")
    return state


def _pending_migrations(alias: str) -> list[str]:
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.graph.nodes
        if (app, name) not in loader.applied_migrations
    )
