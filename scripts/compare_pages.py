"""Are the pages a donor opens slower than before the design pass? One run, two checkouts, one
database: the old commit (by default the last before issue 16's first change) and this working
tree are each served by gunicorn with the same settings, on the same PostgreSQL database and data
(migrated and seeded by this tree: the old code reads a schema that only gained tables and
columns), each with its own Redis database so that neither reads the other's cached fragments.
The pages are then asked for one at a time (one connection), old and new in turn, so that the
machine's noise falls on both alike; the median and p90 of each, and the ratio new/old, are
printed.

    PYTHONPATH=src .venv/bin/python scripts/compare_pages.py            # 200 requests a page
    ... scripts/compare_pages.py --requests 50 --old <commit> --ports 8321,8322

Stops only the processes it started (by their pid); drops its database at the end unless
``--keep``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
# The last commit on main before issue 16's first change (the merge of wt-numbers, 32cfb70).
BEFORE_DESIGN_COMMIT = "ab23615cd7a342f5b1cf6a3dc03ded3e87ced469"

# page: (path on the old code, path on the new); {code} a live initiative, {ref} a donation of
# the signed-in donor, {q} a search word. The donor's history moved from /give/mine/ to /me/.
PAGES = {
    "home": ("/", "/"),
    "initiative": ("/initiatives/{code}/", "/initiatives/{code}/"),
    "search": ("/initiatives/?q={q}", "/initiatives/?q={q}"),
    "donation form": ("/give/{code}/", "/give/{code}/"),
    "thank-you": ("/give/thanks/{ref}/", "/give/thanks/{ref}/"),
    "donor space": ("/give/mine/", "/me/"),
}

SETUP = r"""
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from joud.core.tenancy import scopes_disabled
from joud.campaigns.models import Initiative
from joud.demo.world import seed_demo
from joud.ledger.models import AccountTotal
from tests.factories import UserFactory
from tests.web.gifts import bulk_gifts

call_command("migrate", "--noinput", "-v0")
seed_demo(seed=1447)
gifts = int(sys.argv[1])
with scopes_disabled():
    totals = AccountTotal.objects.filter(account__initiative__state="live").order_by("-raised")
    initiative = Initiative.objects.get(pk=totals.values_list("account__initiative", flat=True)[0])
    donor = UserFactory(phone_verified=True, full_name="سالم بن خميس البلوشي")
    made = bulk_gifts(donor=donor, initiative=initiative, count=gifts)
session = SessionStore()
session[SESSION_KEY] = str(donor.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = donor.get_session_auth_hash()
session.create()
print(json.dumps({"code": initiative.public_code, "ref": made[0].reference,
                  "session": session.session_key}))
"""


def env_for(database_url: str, port: int, static_root: Path, redis_db: int, secret: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOUD_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="joud.settings.loopback",
        DJANGO_SECRET_KEY=secret,
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        JOUD_HTTPS="false",
        JOUD_SITE_URL=f"http://127.0.0.1:{port}",
        JOUD_BIND=f"127.0.0.1:{port}",
        JOUD_STATIC_ROOT=str(static_root),
        JOUD_MEDIA_ROOT=str(static_root.parent / "media"),
        WEB_CONCURRENCY="1",  # one connection at a time: one worker serves it, as for both
        PYTHONUNBUFFERED="1",
    )
    return env


def run(cmd: list[str], *, cwd: Path, env: dict) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(cmd[:3])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        )
    return done.stdout


def export_commit(commit: str, into: Path) -> Path:
    """The old checkout as files (git archive), leaving the repository's worktrees alone."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True, check=True
    ).stdout
    tar_path = into.parent / "old.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    tar_path.unlink()
    # Compiled catalogues are not in git: the old tree compiles its own.
    return into


def recreate_database(database_url: str) -> None:
    import psycopg

    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    import psycopg

    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_ready(port: int, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server on {port} did not start:\n{log.read_text()[-3000:]}")


def fetch(port: int, path: str, session: str) -> tuple[float, int, int]:
    """(seconds, status, bytes) for one GET on a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": f"sessionid={session}", "Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed, response.status, len(body)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def home_heights(ports: dict[str, int]) -> dict[str, int]:
    """The home page's height in CSS pixels on a phone (390 x 844, Arabic), old and new."""
    from playwright.sync_api import sync_playwright

    heights = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, port in ports.items():
            context = browser.new_context(
                viewport={"width": 390, "height": 844}, locale="ar-OM", is_mobile=True
            )
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
            heights[name] = page.evaluate("document.documentElement.scrollHeight")
            context.close()
        browser.close()
    return heights


def resolve(port: int, path: str, session: str) -> str:
    """The path a page ends on: a checkout that moved a page answers its old address with a
    redirect (the donor's history moved from /give/mine/ to /me/); time the page itself."""
    for _hop in range(3):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}", "Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        location = response.getheader("Location", "")
        conn.close()
        if response.status not in (301, 302) or not location.startswith("/"):
            return path
        path = location
    return path


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 10 else max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", default=BEFORE_DESIGN_COMMIT)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--gifts", type=int, default=600, help="the donor's paid gifts")
    parser.add_argument("--ports", default="8321,8322")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/joud_compare_pages"
    )
    parser.add_argument("--redis-dbs", default="13,14")
    parser.add_argument("--keep", action="store_true", help="keep the database and the old tree")
    args = parser.parse_args()
    old_port, new_port = (int(p) for p in args.ports.split(","))
    old_redis, new_redis = (int(d) for d in args.redis_dbs.split(","))
    secret = secrets.token_urlsafe(50)
    work = Path(tempfile.mkdtemp(prefix="compare-pages-"))
    processes: list[subprocess.Popen] = []
    try:
        old_tree = export_commit(args.old, work / "old")
        trees = {"old": (old_tree, old_port, old_redis), "new": (REPO, new_port, new_redis)}
        recreate_database(args.database_url)
        envs = {
            name: env_for(args.database_url, port, work / f"static-{name}", rdb, secret)
            for name, (_tree, port, rdb) in trees.items()
        }
        print(f"old {args.old[:10]} in {old_tree}; new: {REPO}", flush=True)
        for name, (tree, _port, _rdb) in trees.items():
            build = envs[name] | {"DJANGO_SETTINGS_MODULE": "joud.settings.base"}
            build["PYTHONPATH"] = str(tree / "src")
            run([PYTHON, "manage.py", "compile_translations"], cwd=tree, env=build)
            serve = envs[name] | {"PYTHONPATH": str(tree / "src")}
            run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=tree, env=serve)
        # Migrated and seeded by the new tree (its schema is the old one plus new tables/columns).
        seed_env = envs["new"] | {
            "DJANGO_SETTINGS_MODULE": "joud.settings.base",
            "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}",
            "JOUD_SANDBOX_WEBHOOK_DELIVERY": "inline",
        }
        print("seeding the demo world and the donor's gifts...", flush=True)
        world = json.loads(
            run([PYTHON, "-c", SETUP, str(args.gifts)], cwd=REPO, env=seed_env)
            .strip()
            .splitlines()[-1]
        )
        for name, (tree, port, _rdb) in trees.items():
            log = work / f"{name}.log"
            env = envs[name] | {"PYTHONPATH": str(tree / "src")}
            processes.append(
                subprocess.Popen(
                    [GUNICORN, "joud.wsgi", "-c", "gunicorn.conf.py"],
                    cwd=tree,
                    env=env,
                    stdout=log.open("ab"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            wait_ready(port, log)
        if Path("/usr/bin/chromium").exists():
            heights = home_heights({"old": old_port, "new": new_port})
            print(
                f"home page on a phone (390 px, Arabic): old {heights['old']} px, "
                f"new {heights['new']} px",
                flush=True,
            )
        fill = {"code": world["code"], "ref": world["ref"], "q": quote("كفالة")}
        rows = []
        for page, (old_path, new_path) in PAGES.items():
            ports = {"old": old_port, "new": new_port}
            paths = {
                name: resolve(ports[name], path.format(**fill), world["session"])
                for name, path in (("old", old_path), ("new", new_path))
            }
            times: dict[str, list[float]] = {"old": [], "new": []}
            sizes = {}
            for i in range(args.warmup + args.requests):
                for name in ("old", "new") if i % 2 == 0 else ("new", "old"):
                    elapsed, status, size = fetch(ports[name], paths[name], world["session"])
                    if status != 200:
                        raise SystemExit(f"{name} {paths[name]} answered {status}")
                    if i >= args.warmup:
                        times[name].append(elapsed)
                    sizes[name] = size
            med = {n: statistics.median(t) * 1000 for n, t in times.items()}
            tail = {n: p90(t) * 1000 for n, t in times.items()}
            rows.append((page, med, tail, sizes))
            print(
                f"{page:<14} old median {med['old']:7.1f} ms p90 {tail['old']:7.1f} | "
                f"new median {med['new']:7.1f} ms p90 {tail['new']:7.1f} | "
                f"new/old {med['new'] / med['old']:.2f} (p90 {tail['new'] / tail['old']:.2f}) | "
                f"{sizes['old'] // 1024} KB -> {sizes['new'] // 1024} KB",
                flush=True,
            )
        slower = [r[0] for r in rows if r[1]["new"] > r[1]["old"] * 1.05]
        print("slower than before (median, >5%): " + (", ".join(slower) or "none"))
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if not args.keep:
            drop_database(args.database_url)
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work} and {args.database_url}")


if __name__ == "__main__":
    main()
