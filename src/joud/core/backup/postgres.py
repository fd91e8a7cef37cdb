"""pg_dump and pg_restore, pointed at a Django database by the libpq environment variables."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.db import OperationalError, connections

from joud.core.backup.manifest import BackupError

# DATABASES' OPTIONS that libpq also reads from the environment.
_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def require_postgresql(alias: str) -> None:
    vendor = connections[alias].vendor
    if vendor != "postgresql":
        raise BackupError(
            f"The database '{alias}' is {vendor}, and backup/restore work on PostgreSQL only. "
            "The demo's SQLite file (var/joud.sqlite3) is copied with the server stopped, or "
            "with: sqlite3 var/joud.sqlite3 \".backup 'joud-copy.sqlite3'\"."
        )


def require_connection(alias: str) -> None:
    """A clear refusal instead of a traceback when the database is not there (yet)."""
    connection = connections[alias]
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        name = connection.settings_dict.get("NAME")
        raise BackupError(
            f"cannot connect to the database {name}: {str(exc).strip()}\n"
            f"Create it first (createdb --owner <user> {name}) and check DATABASE_URL."
        ) from exc


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} is not on the PATH: install the PostgreSQL client "
            "(apt-get install postgresql-client), the same major version as the server or newer."
        )
    return path


def libpq_env(alias: str) -> dict[str, str]:
    """The process environment with PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE for ``alias``."""
    db = connections[alias].settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    for option, name in _OPTION_ENV.items():
        if db.get("OPTIONS", {}).get(option):
            env[name] = str(db["OPTIONS"][option])
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{Path(args[0]).name} failed (exit {result.returncode}):\n{detail}")


def dump(alias: str, target: Path, *, snapshot: str) -> None:
    """A custom-format dump of the snapshot exported by the caller's open transaction."""
    _run(
        [
            tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
        ],
        libpq_env(alias),
    )


def restore(alias: str, source: Path, *, clean: bool) -> None:
    """All or nothing (one transaction); ``clean`` drops what the dump is about to create."""
    args = [
        tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if clean:
        args += ["--clean", "--if-exists"]
    env = libpq_env(alias)
    _run([*args, f"--dbname={env.get('PGDATABASE', '')}", str(source)], env)


def tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def client_version(name: str) -> str:
    result = subprocess.run(  # noqa: S603
        [tool(name), "--version"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def server_version(alias: str) -> str:
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]
