# ruff: noqa: S608  (a bench tool: local subprocesses, its own SQL and URLs)
"""Shared helpers for `make bench`: scale, database names, bulk loading with COPY.

Everything in bench/ is outside the platform: it builds data the way the platform's own code
would (references, ledger lines, hashes from joud.ledger.services) but in bulk, and it drives
the platform from outside (wrk, pgbench). Nothing here runs in `make test`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
PG_BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))

_DB = os.environ.get("BENCH_DB", "joud_bench")  # joud_bench_dev for a quick run beside a full one
DB_TEMPLATE = f"{_DB}_tpl"
DB_LARGE = _DB
DB_SMALL = f"{_DB}_small"


def db_url(name: str) -> str:
    return f"{PG_BASE}/{name}"


def sizes(scale: float = SCALE) -> dict:
    """The dataset at this scale (1 = the issue's: 10k initiatives, 200k donors, 2M donations)."""

    def n(full: int, least: int) -> int:
        return max(least, round(full * scale))

    return {
        "organizations": n(100, 10),
        "initiatives": n(10_000, 60),
        "donors": n(200_000, 500),
        "donations": n(2_000_000, 2_000),
        "donations_small": n(20_000, 200),
    }


def setup_django(database: str, settings: str = "joud.settings.base") -> None:
    """Django for a bench script: the project's code against ``database``."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = db_url(database)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()


class Progress:
    """One line per step, with rate and ETA (generation shows progress)."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.start, self.last = label, total, time.monotonic(), 0.0

    def update(self, done: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 2 and done < self.total:
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0
        eta = (self.total - done) / rate if rate > 0 else 0
        pct = 100 * done / self.total if self.total else 100
        print(
            f"  {self.label}: {done:,}/{self.total:,} ({pct:5.1f}%) "
            f"{rate:,.0f}/s, {elapsed:,.0f}s elapsed, ~{eta:,.0f}s left",
            flush=True,
        )


def not_null_fill(cursor, table: str, columns: list[str]) -> tuple[list[str], list[str]]:
    """Columns of ``table`` that are NOT NULL, have no default and are not in ``columns``, with
    a neutral literal for each: other engineers add fields while the bench is written, and a
    bulk load must not break on a new ``BooleanField(default=False)``."""
    cursor.execute(
        """SELECT column_name, data_type FROM information_schema.columns
           WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
             AND is_identity = 'NO'""",
        [table],
    )
    extra_cols, extra_vals = [], []
    for name, data_type in cursor.fetchall():
        if name in columns:
            continue
        if data_type == "boolean":
            value = "f"
        elif data_type in ("integer", "bigint", "smallint", "numeric", "double precision"):
            value = "0"
        elif "timestamp" in data_type:
            value = "2026-01-01T00:00:00+00:00"
        elif data_type == "date":
            value = "2026-01-01"
        elif data_type in ("jsonb", "json"):
            value = "{}"
        else:
            value = ""
        print(
            f"  note: {table}.{name} ({data_type}) not set by the generator; filled with {value!r}"
        )
        extra_cols.append(name)
        extra_vals.append(value)
    return extra_cols, extra_vals


def copy_text(value) -> str:
    """One field in COPY text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


class Copier:
    """COPY rows into a table; rows are tuples in ``columns`` order."""

    def __init__(self, cursor, table: str, columns: list[str]):
        extra_cols, extra_vals = not_null_fill(cursor, table, columns)
        self.suffix = "".join("\t" + copy_text(v) for v in extra_vals) + "\n"
        cols = ", ".join(columns + extra_cols)
        self._ctx = cursor.copy(f"COPY {table} ({cols}) FROM STDIN")
        self.copy = self._ctx.__enter__()
        self.buffer: list[str] = []
        self.rows = 0

    def add(self, row) -> None:
        self.buffer.append("\t".join(map(copy_text, row)) + self.suffix)
        self.rows += 1
        if len(self.buffer) >= 5000:
            self.flush()

    def add_line(self, line: str) -> None:
        """A row already in COPY text format (no newline)."""
        self.buffer.append(line + self.suffix)
        self.rows += 1
        if len(self.buffer) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.copy.write("".join(self.buffer))
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self._ctx.__exit__(None, None, None)


def reset_sequences(cursor, tables: list[str]) -> None:
    for table in tables:
        cursor.execute(f"SELECT pg_get_serial_sequence('{table}', 'id')")
        seq = cursor.fetchone()[0]
        if seq:
            cursor.execute(
                f"SELECT setval('{seq}', COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )


def insert_select(cursor, table: str, exprs: dict[str, str], tail: str, params=None) -> int:
    """INSERT INTO table (cols) SELECT exprs FROM/... tail — NOT NULL columns not given are
    filled with neutral literals (see not_null_fill)."""
    columns = list(exprs)
    extra_cols, extra_vals = not_null_fill(cursor, table, columns)
    values = list(exprs.values()) + [
        "NULL" if v is None else "'" + v.replace("'", "''") + "'" for v in extra_vals
    ]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns + extra_cols)}) SELECT {', '.join(values)} {tail}"
    )
    cursor.execute(sql, params)
    return cursor.rowcount
