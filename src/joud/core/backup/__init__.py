"""Backups that restore: one folder holding a consistent database dump, the uploaded files, a
manifest to check the restore against, and the names of the keys the data needs.

``manage.py backup <dir>`` writes it (``write_backup``), ``manage.py restore <dir>`` brings it
back into an empty database (``restore_backup``) and proves the result: the row counts and the
ledger's sealed hash chain head equal the manifest's, and ``ledger_verify`` passes. PostgreSQL
only (``pg_dump``/``pg_restore`` on the PATH); the demo's SQLite file is refused with a message.

Core is the bottom layer: nothing here imports another Joud app. The ledger is read through the
app registry by label and checked with its own command (``call_command("ledger_verify")``).
"""

from joud.core.backup.manifest import (
    BackupError,
    current_state,
    key_fingerprints,
    read_manifest,
)
from joud.core.backup.run import restore_backup, write_backup

__all__ = [
    "BackupError",
    "current_state",
    "key_fingerprints",
    "read_manifest",
    "restore_backup",
    "write_backup",
]
