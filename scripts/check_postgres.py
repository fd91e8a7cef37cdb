"""Fail loudly, with the fix, when the PostgreSQL that `make test` needs is not reachable."""

import os
import sys

import psycopg

url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/joud")
# Connect to the maintenance database: the test run creates its own test_<name> database.
base, _, _name = url.rpartition("/")
try:
    psycopg.connect(f"{base}/postgres", connect_timeout=5).close()
except psycopg.OperationalError as exc:
    sys.stderr.write(
        f"\nPostgreSQL is not reachable at {url}\n  {str(exc).strip()}\n"
        "make test runs the suite on PostgreSQL. Start it, for example:\n"
        "  sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"
        "or point DATABASE_URL at a server you can reach "
        "(postgres://USER@HOST:PORT/joud).\n\n"
    )
    sys.exit(2)
