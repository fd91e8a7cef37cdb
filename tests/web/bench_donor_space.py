"""The donor's space against another tree's (main's), one connection, 2,000 gifts, in one run.

    PYTHONPATH=src DATABASE_URL=postgres://postgres@127.0.0.1:5432/joud_x \\
        .venv/bin/python tests/web/bench_donor_space.py --other /work/main [--requests 60]

Seeds ``<database>_bench`` (a donor with 2,000 paid gifts over about two Hijri years, three
initiatives, a monthly plan), serves it twice with gunicorn (``joud.settings.loopback``, one sync
worker each): this tree and ``--other``; then asks each for its donor space over one kept-alive
connection, the two servers taking turns, and prints the median and 90th percentile of each.
Here the donor space is ``/me/``; a tree whose ``/me/`` is not the donor space is asked for
``/give/mine/`` (``--other-path``).
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def server_env(tree: Path, database_url: str, port: int, secret: str, workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOUD_"))}
    env.update(
        PYTHONPATH=str(tree / "src"),
        DJANGO_SETTINGS_MODULE="joud.settings.loopback",
        DJANGO_SECRET_KEY=secret,
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        JOUD_HTTPS="false",
        JOUD_SITE_URL=f"http://127.0.0.1:{port}",
        JOUD_BIND=f"127.0.0.1:{port}",
        JOUD_STATIC_ROOT=str(workdir / "static"),
        JOUD_MEDIA_ROOT=str(workdir / "media"),
        JOUD_REQUEST_LOG="0",
        WEB_CONCURRENCY="1",
        JOUD_WORKER_CLASS="sync",
    )
    return env


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(database_url: str, secret: str) -> str:
    """Migrate and fill the bench database; return a signed-in session key for the donor."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="joud.settings.loopback",
        DJANGO_SECRET_KEY=secret,
        DATABASE_URL=database_url,
        JOUD_HTTPS="false",
        JOUD_SITE_URL="http://127.0.0.1",
    )
    sys.path[:0] = [str(REPO / "src"), str(REPO)]
    import django

    django.setup()
    import datetime as dt
    from decimal import Decimal

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", "--noinput", verbosity=0)
    from joud.core.tenancy import scopes_disabled
    from joud.donations.recurring import recurring_plan_create
    from tests.factories import InitiativeFactory, UserFactory
    from tests.web.gifts import bulk_gifts

    with scopes_disabled():
        donor = UserFactory(full_name="سالم البلوشي", phone="91234567")
        now = timezone.now()
        for n, category in enumerate(("orphans", "school_meals", "relief")):
            initiative = InitiativeFactory(category=category)
            # 2,000 gifts, one every ~10 hours over about 2 years (three interleaved series).
            bulk_gifts(
                donor=donor,
                initiative=initiative,
                count=667 if n < 2 else 666,
                amount=("5.000", "7.250", "10.000")[n],
                start=now - dt.timedelta(hours=10 * n),
                step=dt.timedelta(hours=30),
            )
        recurring_plan_create(
            organization=initiative.organization,
            target="initiative",
            initiative=initiative,
            amount=Decimal("3.500"),
            frequency="monthly",
            donor=donor,
        )
    session = SessionStore()
    session[SESSION_KEY] = str(donor.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = donor.get_session_auth_hash()
    session.create()
    return session.session_key


def start(tree: Path, env: dict, workdir: Path) -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=tree,
        env=env,
        check=True,
    )
    log = (workdir / "server.log").open("ab")
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "joud.wsgi", "-c", "gunicorn.conf.py"],
        cwd=tree,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_ready(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not start")


def timed(conn: http.client.HTTPConnection, path: str, cookie: str) -> float:
    began = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    took = (time.perf_counter() - began) * 1000
    if response.status != 200 or b"bottom-nav" not in body:
        raise RuntimeError(f"{path}: {response.status}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--other", type=Path, default=Path("/work/main"))
    parser.add_argument("--other-path", default="/give/mine/")
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/joud")
    database_url = base.rsplit("/", 1)[0] + "/" + base.rsplit("/", 1)[1].split("?")[0] + "_bench"
    import psycopg

    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    secret = secrets.token_urlsafe(50)
    session_key = seed(database_url, secret)
    cookie = f"sessionid={session_key}; joud_language=ar"
    trees = {"this tree": (REPO, "/me/"), "other": (args.other.resolve(), args.other_path)}
    servers, ports, processes = {}, {}, []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for label, (tree, _path) in trees.items():
                workdir = Path(tmp) / label.replace(" ", "-")
                workdir.mkdir()
                ports[label] = free_port()
                env = server_env(tree, database_url, ports[label], secret, workdir)
                processes.append(start(tree, env, workdir))
                wait_ready(ports[label], processes[-1])
                servers[label] = http.client.HTTPConnection("127.0.0.1", ports[label])
            times: dict[str, list[float]] = {label: [] for label in trees}
            for label in trees:  # warm up: templates, the first connection, caches
                for _ in range(5):
                    timed(servers[label], trees[label][1], cookie)
            for _ in range(args.requests):
                for label in trees:
                    times[label].append(timed(servers[label], trees[label][1], cookie))
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
                    process.wait(timeout=15)
    print(f"donor space, 2,000 gifts, one connection, {args.requests} requests each, Arabic")
    for label, (tree, path) in trees.items():
        values = sorted(times[label])
        p90 = values[int(len(values) * 0.9) - 1]
        print(
            f"  {label:9} {tree!s:22} {path:12} median {statistics.median(values):6.1f} ms"
            f"  p90 {p90:6.1f} ms"
        )


if __name__ == "__main__":
    main()
