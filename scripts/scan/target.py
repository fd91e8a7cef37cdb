"""The scan target's database: ``target.py create URL`` drops and creates it, ``drop URL`` drops it.

Refuses any database whose name does not end in ``_scan_target`` (the scan must never drop the
project's or a test run's database) and any server that is not on this machine.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import psycopg

SUFFIX = "_scan_target"


def _split(url: str) -> tuple[str, str]:
    base, _, name = url.rpartition("/")
    name = name.partition("?")[0]
    host = urlsplit(url).hostname or ""
    if not name.endswith(SUFFIX):
        raise SystemExit(f"target: {name!r} does not end in {SUFFIX}: refusing to drop it")
    if host not in ("127.0.0.1", "localhost", "::1", ""):
        raise SystemExit(f"target: {host} is not this machine: refusing")
    return base, name


def main(action: str, url: str) -> None:
    base, name = _split(url)
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if action == "create":
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("create", "drop"):
        raise SystemExit("usage: target.py create|drop postgres://.../<name>_scan_target")
    main(sys.argv[1], sys.argv[2])
