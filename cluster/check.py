# ruff: noqa: S603, S607  (a cluster tool: local subprocesses and its own SQL)
"""`make cluster-check`: load through nginx while one node dies, then prove nothing was lost or
counted twice.

Reuses the bench's pieces (bench/run.py: pending attempts, sandbox-signed webhooks, wrk with its
Lua scripts, the exactness check with redelivery, the totals check, ledger_verify) against the
cluster that `make cluster` started (var/cluster/). Meanwhile it samples the replica's lag on the
primary, and at half time kills gunicorn node 1 (its master and workers, by pid) and node 1's
scheduler; node 2 and nginx carry on. Afterwards node 1 is started again.

Prints: requests served, errors by status, confirmations sent and recorded exactly once (on the
primary), periodic jobs run once each per slot, replica lag, what the replica served, and
ledger_verify. Exits 1 if anything was doubled or lost.

CLUSTER_DURATION (seconds of load, default 30), CLUSTER_CONFIRM_CONNECTIONS (16),
CLUSTER_BROWSE_CONNECTIONS (4).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "cluster"
DATABASE = "joud_cluster"
PRIMARY = "postgres://postgres@127.0.0.1:5433"
REPLICA = "postgres://postgres@127.0.0.1:5434"
NGINX_PORT = 8200
DURATION = int(os.environ.get("CLUSTER_DURATION", "30"))
CONFIRM_CONNECTIONS = int(os.environ.get("CLUSTER_CONFIRM_CONNECTIONS", "16"))
BROWSE_CONNECTIONS = int(os.environ.get("CLUSTER_BROWSE_CONNECTIONS", "4"))
FAST_JOBS = (
    "donations.apply_accepted_events",
    "ledger.fold",
    "ledger.seal",
    "receipts.number_pending",
)

# The bench's modules read these when imported: its database is the cluster's, on the primary.
os.environ.update(BENCH_PG=PRIMARY, BENCH_DB=DATABASE, BENCH_DURATION=str(DURATION))
sys.path.insert(0, str(ROOT / "bench"))
import databases  # noqa: E402
import run as bench  # noqa: E402
from common import setup_django  # noqa: E402


def cluster_env() -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in (VAR / "env").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    return dict(pairs)


def recorded_pids() -> dict[str, int]:
    return {
        name: int(pid)
        for name, pid in (line.split() for line in (VAR / "pids").read_text().splitlines() if line)
    }


def query(url: str, sql: str, params=None):
    import psycopg

    with psycopg.connect(f"{url}/{DATABASE}", autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


class Nginx:
    """What the bench's helpers need of a server: its URL and a label."""

    url = f"http://127.0.0.1:{NGINX_PORT}"
    label = "nginx (2 nodes)"


class LagSampler(threading.Thread):
    """The replica's lag as the primary sees it (pg_stat_replication), twice a second."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, float]] = []  # (replay lag seconds, bytes behind)
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            self.samples.append(replication_state())

    def summary(self) -> dict:
        lags = sorted(s[0] for s in self.samples)
        behind = [s[1] for s in self.samples]
        return {
            "samples": len(self.samples),
            "replay_lag_max_ms": round(1000 * max(lags, default=0), 1),
            "replay_lag_p50_ms": round(1000 * lags[len(lags) // 2], 1) if lags else 0,
            "bytes_behind_max": max(behind, default=0),
        }


def replication_state() -> tuple[float, float]:
    rows = query(
        PRIMARY,
        "SELECT coalesce(extract(epoch FROM replay_lag), 0)::float, "
        "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::float "
        "FROM pg_stat_replication",
    )
    if not rows:
        raise SystemExit("cluster-check: no replica is streaming from the primary")
    return rows[0]


def replica_reads() -> int:
    """Transactions the replica has served on the platform's database."""
    return query(
        REPLICA, "SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [DATABASE]
    )[0][0]


def kill_node(n: int) -> dict:
    """SIGKILL gunicorn node ``n`` (master and workers) and its scheduler: the machine is gone."""
    pids = recorded_pids()
    master = pids[f"gunicorn-{n}"]
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    )
    workers = [int(p) for p in out.stdout.split()]
    for pid in [master, *workers, pids[f"scheduler-{n}"]]:
        os.kill(pid, signal.SIGKILL)
    return {
        "node": n,
        "gunicorn_master": master,
        "workers": workers,
        "scheduler": pids[f"scheduler-{n}"],
    }


class Browser:
    """One visitor through nginx, keeping cookies (session, CSRF, the primary pin)."""

    def __init__(self):
        import http.cookiejar
        import urllib.request

        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        import re
        import urllib.parse

        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.csrf}
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        with self.opener.open(Nginx.url + path, data=data, timeout=30) as response:
            html = response.read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            self.csrf = token.group(1) if token else getattr(self, "csrf", "")
            return response.status, response.url, html

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)


def read_your_own_writes(meta: dict) -> dict:
    """A donor gives through nginx, then reads the initiative page: from the primary (pinned),
    while a visitor who never wrote reads it from the replica. Measured on the replica, with the
    load over (workers and schedulers never read the replica)."""
    page = f"/initiatives/{meta['hot_code']}/"
    donor, visitor = Browser(), Browser()

    def replica_queries(browser: Browser) -> int:
        """Replica connections that ran a statement during the page (pg_stat_activity is live;
        pg_stat_database is flushed by idle backends only every few seconds)."""
        started = query(REPLICA, "SELECT now()")[0][0]
        status = browser.open(page)[0]
        assert status == 200, status
        return query(
            REPLICA,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND query_start >= %s "
            "AND pid <> pg_backend_pid()",
            [DATABASE, started],
        )[0][0]

    donor.open(f"/give/{meta['hot_code']}/")
    _, pay_url, _ = donor.open(
        f"/give/{meta['hot_code']}/",
        {"preset": "5.000", "custom_amount": "", "gift_language": "ar"},
    )
    _, thanks_url, thanks = donor.open(
        pay_url.removeprefix(Nginx.url), {"outcome": "succeeded", "duplicates": 1, "delay": 0}
    )
    reference = thanks_url.rstrip("/").rsplit("/", 1)[-1]
    for _ in range(60):  # the sandbox delivers its webhook from the task queue, through nginx
        state = query(
            PRIMARY, "SELECT state FROM donations_donation WHERE reference = %s", [reference]
        )
        if state and state[0][0] == "confirmed":
            break
        time.sleep(0.5)
    result = {
        "gift": reference,
        "gift_state_on_primary": state[0][0] if state else None,
        "pin_cookie_set": donor.cookie("joud_primary") is not None,
        "donor_page_reads_on_replica": replica_queries(donor),
        "visitor_page_reads_on_replica": replica_queries(visitor),
    }
    result["ok"] = (
        result["gift_state_on_primary"] == "confirmed"
        and result["pin_cookie_set"]
        and result["donor_page_reads_on_replica"] == 0
        and result["visitor_page_reads_on_replica"] > 0
    )
    return result


def periodic_jobs(since: dt.datetime, until: dt.datetime) -> dict:
    """Each fast job's slots claimed in the window, and what became of each claim's task."""
    from django.db.models import Count, F, Func, IntegerField
    from django_tasks_db.models import DBTaskResult

    from joud.core.models import PeriodicJobRun
    from joud.core.scheduling import REGISTRY, load_periodic_jobs

    load_periodic_jobs()
    report = {}
    for name in FAST_JOBS:
        job = REGISTRY[name]
        every = job.every.total_seconds()
        runs = PeriodicJobRun.objects.filter(job=name, enqueued_at__range=(since, until))
        slots = sorted(runs.values_list("slot", flat=True))
        doubled_slots = (
            PeriodicJobRun.objects.filter(job=name)
            .values("slot")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .count()
        )
        gaps = sum(1 for a, b in itertools.pairwise(slots) if (b - a).total_seconds() > every)
        results = DBTaskResult.objects.filter(
            task_path=job.task.module_path, enqueued_at__range=(since, until)
        )
        by_status = dict(results.values_list("status").annotate(n=Count("id")))
        ran_twice = (
            results.annotate(
                claims=Func(
                    F("worker_ids"), function="jsonb_array_length", output_field=IntegerField()
                )
            )
            .filter(claims__gt=1)
            .count()
        )
        report[name] = {
            "every_s": every,
            "slots_claimed": len(slots),
            # slot boundaries from the one running at the window's start to its end
            "slots_in_window": int(until.timestamp() // every - since.timestamp() // every) + 1,
            "slots_skipped": gaps,
            "slots_claimed_twice": doubled_slots,
            "tasks": by_status,
            "tasks_run_more_than_once": ran_twice,
            "ok": doubled_slots == 0
            and ran_twice == 0
            and by_status.get("SUCCESSFUL", 0) == len(slots)
            and sum(by_status.values()) == len(slots),
        }
    return report


def wait_for_queue(timeout: float = 60) -> None:
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            return
        time.sleep(0.5)


def main() -> int:
    if not (VAR / "pids").exists():
        print("cluster-check: no cluster recorded in var/cluster/pids: run `make cluster` first")
        return 2
    env = cluster_env()
    bench.SECRET = env["JOUD_SANDBOX_WEBHOOK_SECRET"]  # the cluster's gateway secret signs
    bench.PORT = NGINX_PORT  # wrk drives nginx, not a node
    bench.OUT = VAR / f"check-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}"
    bench.OUT.mkdir(parents=True)
    setup_django(DATABASE)  # the bench's Django, on the primary (joud.settings.base)
    from django.utils import timezone

    meta = databases.dataset_meta(DATABASE)
    nginx = Nginx()
    stamp = f"{int(time.time()) % 10**8}"
    prefix = f"K{stamp}-"
    rows = bench.create_pending(
        DATABASE, prefix, DURATION * 800, hot=meta["hot_initiative"], live=meta["live_initiatives"]
    )
    bodies = bench.OUT / "bodies.tsv"
    bench.sign_bodies(rows, bodies)
    paths = bench.OUT / "paths-mixed.txt"
    paths.write_text("\n".join(bench.browse_paths(DATABASE)["mixed"]) + "\n")
    bench.log(f"prepared {len(rows):,} pending attempts and their signed webhooks")

    reads_before = replica_reads()
    sampler = LagSampler()
    sampler.start()
    since = timezone.now()
    killed: dict = {}

    def confirm():
        bench.wrk(
            "confirm through nginx", "post_bodies.lua", CONFIRM_CONNECTIONS,
            {"BENCH_BODIES": str(bodies), "BENCH_PATH": "/pay/webhooks/sandbox/"},
            scenario="confirm", prefix=prefix, bodies=str(bodies), prepared=len(rows),
        )  # fmt: skip

    def browse():
        bench.wrk(
            "browse (mixed) through nginx", "get_paths.lua", BROWSE_CONNECTIONS,
            {"BENCH_PATHS": str(paths)}, scenario="browse",
        )  # fmt: skip

    def kill_midway():
        time.sleep(DURATION / 2)
        killed.update(kill_node(1), at_s=DURATION / 2)
        bench.log(f"killed node 1: {killed}")

    threads = [threading.Thread(target=f) for f in (confirm, browse, kill_midway)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    until = timezone.now()
    sampler.stopping.set()
    sampler.join()
    bench.log("load done; starting node 1 again")
    subprocess.run(["bash", str(ROOT / "cluster" / "cluster.sh"), "start-node", "1"], check=True)

    bench.exactness(nginx)  # missing ones delivered again (as a gateway does), replays sampled
    bench.final_checks(meta)  # settled: every total = its confirmed donations
    wait_for_queue()
    checks = bench.RESULTS["checks"]
    checks["periodic_jobs"] = periodic_jobs(since, until)
    checks["replica"] = sampler.summary()
    for _ in range(60):  # caught up after the load: same ledger on both
        lag_bytes = replication_state()[1]
        primary_n = query(PRIMARY, "SELECT count(*) FROM ledger_transaction")[0][0]
        replica_n = query(REPLICA, "SELECT count(*) FROM ledger_transaction")[0][0]
        if lag_bytes == 0 and primary_n == replica_n:
            break
        time.sleep(0.5)
    checks["replica"].update(
        bytes_behind_after=lag_bytes,
        ledger_transactions_primary=primary_n,
        ledger_transactions_replica=replica_n,
        transactions_served_during_load=replica_reads() - reads_before,
        ok=primary_n == replica_n,
    )
    checks["read_your_own_writes"] = read_your_own_writes(meta)
    bench.verify_ledger()
    checks["killed"] = killed
    return report(checks)


def report(checks: dict) -> int:
    runs = bench.RESULTS["runs"]
    print("\n== make cluster-check ==")
    for run in runs:
        good = sum(n for s, n in run["statuses"].items() if 200 <= int(s) < 400)
        bad = {s: n for s, n in run["statuses"].items() if not 200 <= int(s) < 400}
        socket_errors = {k: v for k, v in run["errors"].items() if v and k != "status"}
        print(
            f"{run['name']:<30} c={run['connections']:<3} requests served {good:,} "
            f"({run['rps']:,.0f}/s, p50 {run['p50_ms']:.1f} ms, p99 {run['p99_ms']:.1f} ms); "
            f"errors by status {bad or 'none'}; socket errors {socket_errors or 'none'}; "
            f"load average {run['loadavg']}"
        )
    k = checks["killed"]
    print(
        f"node 1 killed at {k['at_s']:.0f} s: gunicorn master {k['gunicorn_master']}, "
        f"workers {k['workers']}, scheduler {k['scheduler']} (SIGKILL); restarted after the load"
    )
    c = checks["confirmations"]
    print(
        f"confirmations: sent {c['sent']:,}; in the ledger on the primary after the load "
        f"{c['in_ledger_after_load']:,}; in flight when cut, delivered again and confirmed "
        f"{c['redelivered_in_flight_confirmed']:,}; finally {c['in_ledger_after_redelivery']:,} "
        f"once each; ledger transactions recorded twice {c['duplicate_ledger_transactions']}; "
        f"replays answered {c['replayed_events']}  -> {'OK' if c['ok'] else 'FAILED'}"
    )
    t = checks["totals"]
    print(
        f"totals: {t['accounts_checked']:,} accounts, {t['accounts_not_equal_to_sum_of_confirmed_donations']} "
        f"not equal to their confirmed donations; hot page {t['hot_initiative_page_total']} = "
        f"sum {t['hot_initiative_sum_of_donations']} -> {'OK' if t['ok'] else 'FAILED'}"
    )
    for name, job in checks["periodic_jobs"].items():
        print(
            f"periodic {name:<24} every {job['every_s']:.0f} s: {job['slots_claimed']} slots "
            f"claimed of at most {job['slots_in_window']} in the window ({job['slots_skipped']} "
            f"skipped: no scheduler checked during that slot), "
            f"claimed twice {job['slots_claimed_twice']}, tasks {job['tasks']}, run more than "
            f"once {job['tasks_run_more_than_once']} -> {'OK' if job['ok'] else 'FAILED'}"
        )
    r = checks["replica"]
    print(
        f"replica: lag during the load p50 {r['replay_lag_p50_ms']} ms, max {r['replay_lag_max_ms']} ms, "
        f"max {r['bytes_behind_max']:,.0f} bytes behind ({r['samples']} samples); after: "
        f"{r['bytes_behind_after']:,.0f} bytes behind, ledger transactions primary "
        f"{r['ledger_transactions_primary']:,} = replica {r['ledger_transactions_replica']:,}; "
        f"transactions served by the replica during the load {r['transactions_served_during_load']:,}"
    )
    w = checks["read_your_own_writes"]
    print(
        f"read-your-own-writes: gift {w['gift']} {w['gift_state_on_primary']} on the primary; "
        f"the donor (pinned: {w['pin_cookie_set']}) read the initiative page with "
        f"{w['donor_page_reads_on_replica']} replica connections querying, a visitor who never wrote "
        f"with {w['visitor_page_reads_on_replica']} -> {'OK' if w['ok'] else 'FAILED'}"
    )
    v = checks["ledger_verify"]
    print(
        f"ledger_verify: {'OK' if v['ok'] else 'FAILED'} ({v['seconds']} s): {v['output'][-300:]}"
    )
    (bench.OUT / "results.json").write_text(json.dumps(bench.RESULTS, indent=1, default=str))
    ok = (
        c["ok"]
        and t["ok"]
        and all(j["ok"] for j in checks["periodic_jobs"].values())
        and r["ok"]
        and w["ok"]
        and v["ok"]
    )
    print(f"results: {bench.OUT / 'results.json'}")
    print("cluster-check: OK" if ok else "cluster-check: FAILED (something was doubled or lost)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
