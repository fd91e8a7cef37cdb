# ruff: noqa: S603, S607, S608  (a bench tool: local subprocesses, its own SQL and URLs)
"""Create the bench databases: migrate once into a template, clone it, generate each dataset.

python bench/databases.py        (BENCH_SCALE=0.01 for a quick small version)
BENCH_REUSE=1 keeps datasets that already exist at the same scale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DB_LARGE, DB_SMALL, DB_TEMPLATE, ROOT, SCALE, VENV_BIN, db_url, sizes


def psql(sql: str, database: str = "postgres") -> str:
    out = subprocess.run(
        [
            "psql",
            db_url(database),
            "-v",
            "ON_ERROR_STOP=1",
            "-Atqc",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def dataset_meta(name: str) -> dict | None:
    if not exists(name):
        return None
    try:
        value = psql("SELECT value FROM bench_meta WHERE key = 'dataset'", name)
    except subprocess.CalledProcessError:
        return None
    return json.loads(value) if value else None


def drop(name: str) -> None:
    psql(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' "
        "AND pid <> pg_backend_pid()"
    )
    psql(f'DROP DATABASE IF EXISTS "{name}"')


def make_template() -> None:
    drop(DB_TEMPLATE)
    psql(f'CREATE DATABASE "{DB_TEMPLATE}"')
    print(f"migrating {DB_TEMPLATE} ...", flush=True)
    migrate(DB_TEMPLATE)


def migrate(name: str) -> None:
    """The schema of the code being measured (other engineers add migrations all the time)."""
    env = dict(os.environ, DATABASE_URL=db_url(name), DJANGO_SETTINGS_MODULE="joud.settings.base")
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def build(name: str, donations: int) -> dict:
    drop(name)
    psql(f'CREATE DATABASE "{name}" TEMPLATE "{DB_TEMPLATE}"')
    subprocess.run(
        [str(VENV_BIN / "python"), str(ROOT / "bench" / "generate.py"), name, str(donations)],
        cwd=ROOT,
        check=True,
    )
    return dataset_meta(name)


def main() -> dict:
    size = sizes()
    want = {DB_LARGE: size["donations"], DB_SMALL: size["donations_small"]}
    reuse = os.environ.get("BENCH_REUSE") == "1"
    started = time.monotonic()
    result = {}
    template_ready = False
    for name, donations in want.items():
        meta = dataset_meta(name) if reuse else None
        if (
            meta
            and meta.get("donations_requested", meta.get("donations"))
            and meta.get("scale") == SCALE
        ):
            print(
                f"{name}: reusing ({meta['donations']:,} donations); migrating to the code",
                flush=True,
            )
            migrate(name)
            result[name] = meta
            continue
        if not template_ready:
            make_template()
            template_ready = True
        t0 = time.monotonic()
        meta = build(name, donations)
        psql(
            "UPDATE bench_meta SET value = value || "
            f"'{json.dumps({'scale': SCALE, 'build_seconds': round(time.monotonic() - t0, 1)})}'::jsonb "
            "WHERE key = 'dataset'",
            name,
        )
        result[name] = dataset_meta(name)
    print(f"databases ready in {time.monotonic() - started:,.0f}s", flush=True)
    return result


if __name__ == "__main__":
    main()
