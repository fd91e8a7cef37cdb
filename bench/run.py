# ruff: noqa: S310, S603, S607, S608  (a bench tool: local subprocesses, its own SQL and URLs)
"""`make bench`: the Ramadan night, measured against the framework's and the database's limits.

1. datasets (bench/databases.py): 2M donations (+ a 20k one for cost growth), sealed & folded;
2. the platform served with its production profile (gunicorn), driven by wrk on loopback:
   confirmations (signed sandbox webhooks, 90% to one hot initiative) at 1/8/32/64
   connections, browsing, checkout start; ceiling (a): a bare one-insert endpoint in the same
   Django project; ledger seal/fold job every second meanwhile; the displayed total sampled;
3. ceiling (b): pgbench replaying the SQL one confirmation executes (captured from the
   application) against pgbench inserting one donation row;
4. exactness checks; results JSON + Markdown under bench-results/<timestamp>/.

Environment: BENCH_SCALE (1 = the issue's sizes; 0.01 for a quick run), BENCH_DURATION (seconds
per wrk run, default 15), BENCH_REUSE=1 (keep datasets of the same scale), BENCH_PORT (8120).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import databases
from common import DB_LARGE, DB_SMALL, ROOT, SCALE, VENV_BIN, db_url, not_null_fill, sizes

DURATION = int(os.environ.get("BENCH_DURATION", "15"))
PORT = int(os.environ.get("BENCH_PORT", "8120"))
LEVELS = [1, 8, 32, 64]
BROWSE_CONNECTIONS = 8
# The periodic jobs a donation night runs besides the fold, in the default worker.
OTHER_JOBS = ("ledger.seal", "receipts.number_pending")
LUA = ROOT / "bench" / "lua"
SECRET = "bench-" + secrets.token_hex(16)
STAMP = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
# In every reference this run creates, so a rerun on the same datasets (BENCH_REUSE) never clashes.
RUN_ID = "".join("ABCDEFGHJKLMNPQRSTUVWXYZ"[int(time.time()) // 24**k % 24] for k in range(3))
OUT = ROOT / "bench-results" / STAMP
RESULTS: dict = {
    "started": dt.datetime.now(dt.UTC).isoformat(),
    "cores": os.cpu_count(),
    "scale": SCALE,
    "duration_s": DURATION,
    "runs": [],
    "pgbench": [],
    "checks": {},
    "notes": [],
}


def log(text: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {text}", flush=True)


def pg(database: str):
    import psycopg

    return psycopg.connect(db_url(database), autocommit=True)


# --- the server -----------------------------------------------------------------------------


class Server:
    """gunicorn with the production hardening (``joud.settings.loopback``) on ``database``."""

    def __init__(
        self, database: str, *, workers: int, worker_class: str = "sync", threads: int = 1
    ):
        self.database, self.workers, self.worker_class, self.threads = (
            database,
            workers,
            worker_class,
            threads,
        )
        self.label = f"{worker_class} {workers}w" + (f"x{threads}t" if threads > 1 else "")
        self.url = f"http://127.0.0.1:{PORT}"

    def env(self) -> dict:
        return dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="joud.settings.loopback",
            DJANGO_SECRET_KEY=SERVER_SECRET_KEY,
            JOUD_HTTPS="false",
            DATABASE_URL=db_url(self.database),
            DJANGO_CONN_MAX_AGE=os.environ.get("BENCH_CONN_MAX_AGE", "600"),
            JOUD_BIND=f"127.0.0.1:{PORT}",
            WEB_CONCURRENCY=str(self.workers),
            JOUD_WORKER_CLASS=self.worker_class,
            JOUD_THREADS=str(self.threads),
            JOUD_STATIC_ROOT=str(OUT / "static"),
            JOUD_SANDBOX_WEBHOOK_SECRET=SECRET,
            JOUD_SHOW_OUTBOX="false",
            JOUD_BENCH_ENDPOINTS="1",
            DJANGO_LOG_LEVEL="ERROR",
            JOUD_SITE_URL=self.url,
        )

    def __enter__(self) -> Server:
        self.log = open(OUT / f"gunicorn-{self.database}-{self.label.replace(' ', '_')}.log", "w")
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "joud.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(120):
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError(f"gunicorn did not start; see {self.log.name}")
        log(f"gunicorn up: {self.label} on {self.database}")
        return self

    def worker_pids(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True
        )
        return [int(p) for p in out.stdout.split()]

    def peak_rss_mb(self) -> float:
        """The highest peak resident set (VmHWM) of any worker so far."""
        peak = 0
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
            except OSError:
                continue
        return round(peak / 1024, 1)

    def __exit__(self, *exc) -> None:
        RESULTS.setdefault("peak_rss_mb", {})[f"{self.database} {self.label}"] = self.peak_rss_mb()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Background:
    """A helper process (ledger loop, sampler) writing JSON lines to a file."""

    def __init__(self, name: str, *args: str, label: str = ""):
        self.path = OUT / f"{label or name}.jsonl"
        self.args = [str(VENV_BIN / "python"), str(ROOT / "bench" / f"{name}.py"), *args]

    def __enter__(self) -> Background:
        self.file = open(self.path, "a")
        self.proc = subprocess.Popen(self.args, cwd=ROOT, stdout=self.file, start_new_session=True)
        return self

    def __exit__(self, *exc) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.file.close()

    def lines(self) -> list[dict]:
        return [json.loads(x) for x in self.path.read_text().splitlines() if x.strip()]


# --- wrk --------------------------------------------------------------------------------------


def wrk(
    name: str, script: str, connections: int, env: dict, *, duration: int = DURATION, **tags
) -> dict:
    out = OUT / "wrk" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA / script),
        f"http://127.0.0.1:{PORT}",
    ]
    run_env = dict(os.environ, BENCH_OUT=str(out), BENCH_LUA=str(LUA), **env)
    subprocess.run(cmd, env=run_env, check=True, capture_output=True, text=True)
    data = json.loads(out.read_text())
    data["rps"] = round(data["requests"] / (data["duration_us"] / 1e6), 1)
    # The machine is shared: how busy it was (1-minute load average) is part of the result.
    data["loadavg"] = float(Path("/proc/loadavg").read_text().split()[0])
    data.update({"name": name, "connections": connections, **tags})
    RESULTS["runs"].append(data)
    bad = sum(v for k, v in data["statuses"].items() if not (200 <= int(k) < 400))
    log(
        f"{name:<34} c={connections:<3} {data['rps']:>9,.1f}/s  p50 {data['p50_ms']:8.2f} ms  "
        f"p99 {data['p99_ms']:8.2f} ms  non-2xx/3xx {bad}  timeouts {data['errors']['timeout']}"
    )
    return data


# --- confirmations: pending attempts and signed bodies ----------------------------------------


def columns_sql(cur, table: str, exprs: dict[str, str]) -> tuple[str, str]:
    extra_cols, extra_vals = not_null_fill(cur, table, list(exprs))
    cols = list(exprs) + extra_cols
    vals = list(exprs.values()) + ["'" + v.replace("'", "''") + "'" for v in extra_vals]
    return ", ".join(cols), ", ".join(vals)


def create_pending(
    database: str,
    prefix: str,
    n: int,
    *,
    hot: int,
    live: list[int],
    hot_share: float = 0.9,
    amount: Decimal | None = None,
):
    """``n`` donations awaiting payment, each with a sandbox payment attempt (what checkout
    start leaves behind), ``hot_share`` of them to the hot initiative. References
    ``<prefix><n>`` / ``<prefix><n>-P1``. Returns [(attempt reference, amount, session id)]."""
    every = max(1, round(1 / (1 - hot_share))) if hot_share < 1 else 0
    with pg(database) as conn, conn.cursor() as cur:
        d_cols, d_vals = columns_sql(cur, "donations_donation", {
            "created_at": "now()", "updated_at": "now()", "reference": f"'{prefix}' || g",
            "organization_id": "i.organization_id", "target": "'initiative'",
            "initiative_id": "i.id", "fund_account_id": "a.id", "donor_name": "'متبرع'",
            "donor_email": "''", "donor_phone": "''", "is_anonymous": "false",
            "display_name": "'متبرع'", "dedication": "''", "is_gift": "false",
            "gift_recipient_name": "''", "gift_recipient_phone": "''",
            "gift_recipient_email": "''", "gift_language": "'ar'", "language": "'ar'",
            "amount": "amt", "currency": "'OMR'",
            "admin_share_percent": "least(i.admin_share_percent, 2)",
            "admin_share_amount": "round(amt * least(i.admin_share_percent, 2) / 100, 3)",
            "state": "'pending'", "refunded_amount": "0",
            "access_token": "md5(g::text || clock_timestamp()::text)",
        })  # fmt: skip
        a_cols, a_vals = columns_sql(cur, "donations_paymentattempt", {
            "created_at": "now()", "updated_at": "now()", "organization_id": "d.organization_id",
            "donation_id": "d.id", "number": "1", "reference": "d.reference || '-P1'",
            "provider": "'sandbox'", "provider_reference": "'sbx_' || d.reference",
            "amount": "d.amount", "currency": "'OMR'", "state": "'created'", "fee": "0",
            "review_note": "''",
        })  # fmt: skip
        hot_expr = (
            f"CASE WHEN {every} > 0 AND mod(g, {max(every, 1)}) = 0 "
            f"THEN (%(live)s::bigint[])[1 + mod(g / {max(every, 1)}, %(nlive)s)] ELSE %(hot)s END"
        )
        cur.execute(
            f"""
            WITH src AS (
                SELECT g, {hot_expr} AS initiative_id,
                       coalesce(%(amount)s::numeric(16,3),
                                (ARRAY[1, 5, 5, 10, 10, 25, 50, 100, 2.5, 7.75])[1 + mod(g, 10)]
                       )::numeric(16,3) AS amt
                FROM generate_series(1, %(n)s) g
            ), d AS (
                INSERT INTO donations_donation ({d_cols})
                SELECT {d_vals} FROM src
                JOIN campaigns_initiative i ON i.id = src.initiative_id
                JOIN ledger_account a ON a.initiative_id = i.id
                RETURNING id, organization_id, reference, amount
            )
            INSERT INTO donations_paymentattempt ({a_cols}) SELECT {a_vals} FROM d
            """,
            {"n": n, "hot": hot, "live": live, "nlive": len(live), "amount": amount},
        )
        cur.execute(
            "SELECT reference, amount, provider_reference FROM donations_paymentattempt "
            "WHERE reference LIKE %s ORDER BY id",
            [prefix + "%"],
        )
        return cur.fetchall()


def sign_bodies(rows, path: Path, *, event_prefix: str = "evt_") -> list[str]:
    """One signed payment.succeeded webhook per attempt, exactly as the sandbox builds and
    signs them (events.build_event's JSON, signing.sign's header). Returns event ids."""
    from joud.payments.providers.sandbox.events import sandbox_fee
    from joud.payments.providers.sandbox.signing import sign

    now = int(time.time())
    ids = []
    with open(path, "w") as f:
        for reference, amount, session in rows:
            event_id = event_prefix + secrets.token_hex(12)
            ids.append(event_id)
            payload = {
                "id": event_id,
                "type": "payment.succeeded",
                "created": now,
                "data": {
                    "reference": reference,
                    "session_id": session,
                    "amount": str(amount),
                    "currency": "OMR",
                    "fee": str(sandbox_fee(amount)),
                },
            }
            body = json.dumps(payload, separators=(",", ":")).encode()
            f.write(f"{sign(body, SECRET, timestamp=now)}\t{body.decode()}\n")
    return ids


def confirmations_run(meta: dict, connections: int, server: Server, tag: str, during=None) -> dict:
    """Prepare pending attempts + signed bodies, then (``during`` started just before, e.g. a
    profiler) replay them with wrk."""
    per_run = max(2000, int(DURATION * 2500 * (1 if connections > 1 else 0.5)))
    prefix = f"W{RUN_ID}{tag}{connections}-"
    t0 = time.monotonic()
    rows = create_pending(
        DB_LARGE, prefix, per_run, hot=meta["hot_initiative"], live=meta["live_initiatives"]
    )
    bodies = OUT / "bodies" / f"{prefix}.tsv"
    bodies.parent.mkdir(exist_ok=True)
    sign_bodies(rows, bodies)
    log(
        f"prepared {len(rows):,} pending attempts + signed webhooks in {time.monotonic() - t0:.1f}s"
    )
    spies = during() if during else []
    data = wrk(
        f"confirm {server.label}",
        "post_bodies.lua",
        connections,
        {"BENCH_BODIES": str(bodies), "BENCH_PATH": "/pay/webhooks/sandbox/"},
        scenario="confirm",
        server=server.label,
        prefix=prefix,
        bodies=str(bodies),
        prepared=len(rows),
    )
    for spy in spies:
        spy.wait(timeout=60)
    data["applied"] = applied_stats(prefix)
    a = data["applied"]
    log(
        f"  applied {a['applied']:,} of {a['accepted']:,} accepted, {a['per_s'] or 0:,.0f}/s;"
        f" lag p50 {a['lag_p50_s']} s p99 {a['lag_p99_s']} s max {a['lag_max_s']} s"
    )
    if data["sent"] > len(rows):
        RESULTS["notes"].append(f"{prefix}: bodies exhausted ({data['sent']} > {len(rows)})")
    return data


def applied_stats(prefix: str, timeout: float = 120) -> dict:
    """The consumer's side of one run: wait until it has applied every event the run's webhooks
    accepted, then the applied rate (first acceptance to last application) and the lag from
    acceptance to application (p50/p99/max). The fold adds up to a second more before the
    public total shows it (the sampler's lag)."""
    pattern = prefix + "%"
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with pg(DB_LARGE) as conn:
            waiting = conn.execute(
                "SELECT count(*) FROM payments_webhookevent WHERE processed_at IS NULL"
                " AND reference LIKE %s",
                [pattern],
            ).fetchone()[0]
        if not waiting:
            break
        time.sleep(0.5)
    with pg(DB_LARGE) as conn:
        row = conn.execute(
            "SELECT count(*), count(processed_at),"
            " extract(epoch FROM max(processed_at) - min(received_at)),"
            " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)),"
            " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)),"
            " max(extract(epoch FROM processed_at - received_at))"
            " FROM payments_webhookevent WHERE reference LIKE %s",
            [pattern],
        ).fetchone()
    accepted, applied, span, p50, p99, worst = row
    return {
        "accepted": accepted,
        "applied": applied,
        "per_s": round(applied / float(span), 1) if span else None,
        "lag_p50_s": round(float(p50), 3) if p50 is not None else None,
        "lag_p99_s": round(float(p99), 3) if p99 is not None else None,
        "lag_max_s": round(float(worst), 3) if worst is not None else None,
    }


def consumer_drain(database: str, processes: int = 1) -> dict:
    """Run ``processes`` consumers (bench/consumer.py --drain) at once on what waits; the
    throughput is every event applied over the wall time until the last one finished."""
    t0 = time.monotonic()
    procs = [
        subprocess.Popen(
            [str(VENV_BIN / "python"), str(ROOT / "bench" / "consumer.py"), database, "--drain"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    lines = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = time.monotonic() - t0  # includes each process's Django start-up
    busy = max(x["seconds"] for x in lines)
    applied = sum(x["applied"] for x in lines)
    return {
        "processes": processes,
        "applied": applied,
        "failed": sum(x["failed"] for x in lines),
        "seconds": round(busy, 2),
        "per_s": round(applied / busy, 1) if busy else None,
        "wall_s": round(wall, 2),
    }


def drain_phase(meta: dict) -> None:
    """The consumer alone on a backlog: 200,000 (x BENCH_SCALE) accepted events for pending
    attempts, inserted as the webhook inserts them, then drained by one consumer and by two
    in parallel (each on half of a fresh backlog)."""
    n = int(os.environ.get("BENCH_DRAIN_EVENTS", max(2000, int(200_000 * SCALE))))
    RESULTS["drain"] = []
    for processes in (1, 2):
        prefix = f"DR{RUN_ID}{processes}-"
        t0 = time.monotonic()
        create_pending(
            DB_LARGE, prefix, n, hot=meta["hot_initiative"], live=meta["live_initiatives"]
        )
        with pg(DB_LARGE) as conn:
            conn.execute(
                "INSERT INTO payments_webhookevent (provider, event_id, event_type, reference, body,"
                " signature_ok, received_at, processed_at, provider_reference, amount, currency, fee,"
                " result, apply_failures, apply_error)"
                " SELECT 'sandbox', 'evt_' || a.reference, 'payment.succeeded', a.reference, '{}',"
                " TRUE, now(), NULL, a.provider_reference, a.amount, 'OMR',"
                " round(a.amount * 0.025, 3), '', 0, ''"
                " FROM donations_paymentattempt a WHERE a.reference LIKE %s",
                [prefix + "%"],
            )
        log(f"backlog of {n:,} accepted events in {time.monotonic() - t0:.1f}s")
        vacuum_if_autovacuum_is_off(DB_LARGE, "before the drain")
        result = consumer_drain(DB_LARGE, processes) | {"backlog": n}
        with pg(DB_LARGE) as conn:
            result["confirmed"] = conn.execute(
                "SELECT count(*) FROM donations_paymentattempt WHERE state = 'confirmed'"
                " AND reference LIKE %s",
                [prefix + "%"],
            ).fetchone()[0]
        RESULTS["drain"].append(result)
        log(
            f"consumer x{processes}: {result['applied']:,} applied in {result['seconds']} s,"
            f" {result['per_s'] or 0:,.0f}/s; {result['confirmed']:,} confirmed"
        )


def consumer_stats(lines: list[dict]) -> dict:
    took = sorted(x["took"] for x in lines) or [0]
    return {
        "drains": len(lines),
        "applied": sum(x["applied"] for x in lines),
        "slowest_drain_s": round(took[-1], 3),
    }


def bare_run(connections: int, server: Server) -> dict:
    bodies = OUT / "bodies" / "bare.tsv"
    if not bodies.exists():
        bodies.parent.mkdir(exist_ok=True)
        fake = [(f"BARE-{i}", Decimal("5.000"), f"sbx_{i}") for i in range(20000)]
        sign_bodies(fake, bodies)
    return wrk(
        f"bare insert {server.label}",
        "post_bodies.lua",
        connections,
        {"BENCH_BODIES": str(bodies), "BENCH_PATH": "/bench/bare/"},
        scenario="bare",
        server=server.label,
    )


# --- browsing and checkout --------------------------------------------------------------------


SEARCH_TERMS = ["الأيتام", "وجبات", "كسوة العيد", "بئر ماء", "اضاحي", "الزكاة", "ترميم منازل",
                "صلالة", "نزوى", "صحار", "orphans", "relief", "إفطار صائم"]  # fmt: skip


def browse_paths(database: str) -> dict[str, list[str]]:
    with pg(database) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT public_code FROM campaigns_initiative WHERE state IN "
            "('live','ended','reported','closed') ORDER BY md5(public_code) LIMIT 1000"
        )
        initiatives = [f"/initiatives/{c}/" for (c,) in cur.fetchall()]
        cur.execute(
            "SELECT slug FROM organizations_organization WHERE status = 'active' ORDER BY id"
        )
        orgs = [f"/organizations/{s}/" for (s,) in cur.fetchall()]
    search = [f"/initiatives/?q={urllib.parse.quote(t)}" for t in SEARCH_TERMS]
    mixed = initiatives[:200] * 5 + search * 20 + ["/"] * 200 + orgs * max(1, 100 // len(orgs))
    return {
        "home": ["/"],
        "search": search,
        "initiative": initiatives,
        "organization": orgs,
        "mixed": mixed,
    }


def browsing(database: str, label: str) -> None:
    paths = browse_paths(database)
    for scenario, items in paths.items():
        file = OUT / f"paths-{database}-{scenario}.txt"
        file.write_text("\n".join(items) + "\n")
        # Warm every worker (imports, compiled templates) first: not a result.
        wrk(
            f"warm-up {scenario} ({label})",
            "get_paths.lua",
            BROWSE_CONNECTIONS,
            {"BENCH_PATHS": str(file)},
            duration=3,
        )
        # One visitor at a time (the page's own cost), then 8 at once on 2 cores (saturated:
        # the latency is mostly the queue for a CPU).
        for connections in (1, BROWSE_CONNECTIONS):
            wrk(
                f"browse {scenario} ({label})",
                "get_paths.lua",
                connections,
                {"BENCH_PATHS": str(file)},
                scenario=f"browse-{scenario}",
                dataset=label,
            )
    # The warm-up runs are not results.
    RESULTS["runs"] = [r for r in RESULTS["runs"] if r.get("scenario")]


def checkout(meta: dict, server: Server) -> None:
    path = f"/give/{meta['hot_code']}/"
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as r:
            page = r.read().decode()
            cookies = r.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as exc:
        RESULTS["notes"].append(f"checkout start not measured: GET {path} answered {exc.code}")
        log(RESULTS["notes"][-1])
        return
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    cookie = "; ".join(c.split(";", 1)[0] for c in cookies if c.startswith("csrftoken="))
    form = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "preset": "5.000", "custom_amount": "",
        "donor_name": "متبرع كريم", "donor_phone": "", "donor_email": "", "dedication": "",
        "gift_language": "ar",
    })  # fmt: skip
    file = OUT / "paths-checkout.txt"
    file.write_text(path + "\n")
    for c in (8, 32):
        data = wrk(
            "checkout start",
            "checkout.lua",
            c,
            {"BENCH_PATHS": str(file), "BENCH_COOKIE": cookie, "BENCH_FORM": form},
            scenario="checkout",
            server=server.label,
        )
        if data["statuses"].get("302", 0) == 0:
            RESULTS["notes"].append("checkout start: no 302 redirect received (see gunicorn log)")


def query_counts(meta: dict) -> None:
    """SQL statements per page (in process, Django's test client on the large dataset): the
    count, not the clock, shows what grows with the data."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with pg(DB_LARGE) as conn:
        slug = conn.execute(
            "SELECT o.slug FROM organizations_organization o JOIN campaigns_initiative i "
            "ON i.organization_id = o.id WHERE i.id = %s",
            [meta["hot_initiative"]],
        ).fetchone()[0]
    pages = {
        "home": "/",
        "search": "/initiatives/?q=" + urllib.parse.quote(SEARCH_TERMS[0]),
        "initiative": f"/initiatives/{meta['hot_code']}/",
        "organization": f"/organizations/{slug}/",
        "give (checkout form)": f"/give/{meta['hot_code']}/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for name, url in pages.items():
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.monotonic()
            response = client.get(url)
            took = time.monotonic() - t0
        out[name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "ms_in_process": round(took * 1000, 1),
        }
    RESULTS["queries_per_page"] = out
    log("queries per page: " + ", ".join(f"{k} {v['queries']}" for k, v in out.items()))


# --- ceiling (b): pgbench ---------------------------------------------------------------------


def capture_confirmation_sql(meta: dict) -> tuple[list[str], str]:
    """Run ONE confirmation through the application (webhook handler, in process) and record
    every SQL statement it executes, with its parameters, as literal SQL."""
    from django.db import connection, transaction

    from joud.donations.models import Donation
    from joud.donations.webhooks import InProcessRequest, handle_webhook
    from joud.payments.providers.sandbox.signing import HEADER

    rows = create_pending(
        DB_LARGE,
        f"CAP{RUN_ID}-",
        1,
        hot=meta["hot_initiative"],
        live=[meta["hot_initiative"]],
        hot_share=1,
    )
    body_file = OUT / "bodies" / "capture.tsv"
    body_file.parent.mkdir(exist_ok=True)
    (event_id,) = sign_bodies(rows, body_file)
    sig, body = body_file.read_text().rstrip("\n").split("\t", 1)
    captured = []

    def recorder(execute, sql, params, many, context):
        captured.append(connection.ops.compose_sql(sql, params) if params else sql)
        return execute(sql, params, many, context)

    from django.conf import settings

    settings.JOUD_SANDBOX_WEBHOOK_SECRET = SECRET
    with connection.execute_wrapper(recorder):
        status, payload = handle_webhook(
            "sandbox", InProcessRequest(body=body.encode(), headers={HEADER: sig})
        )
    # The webhook's whole work is accepting the event (the consumer confirms it later).
    if payload.get("status") not in ("accepted", "confirm"):
        raise RuntimeError(f"captured webhook did not accept: {status} {payload}")
    reference = rows[0][0]
    # pgbench variables for what differs per event: the event id and the attempt reference
    # (both also inside the raw body). One pending attempt per (client, n) is made beforehand.
    statements = []
    for sql in captured:
        sql = sql.replace(event_id, "evt_:prefix:client_id-:n").replace(
            reference, ":prefix:client_id-:n-P1"
        )
        statements.append(" ".join(sql.split()) + ";")
    # The single-row comparison: the INSERT the ORM issues for one donation, captured the same way.
    inserts = []

    def recorder2(execute, sql, params, many, context):
        inserts.append(connection.ops.compose_sql(sql, params) if params else sql)
        return execute(sql, params, many, context)

    with transaction.atomic():
        template = Donation.unscoped.filter(reference=rows[0][0].removesuffix("-P1")).first()
        template.pk = None
        template.reference = "INS-CAPTURE"
        template.state, template.confirmed_at = Donation.State.PENDING, None
        with connection.execute_wrapper(recorder2):
            template.save(force_insert=True)
        transaction.set_rollback(True)
    insert = next(s for s in inserts if s.lstrip().upper().startswith("INSERT"))
    insert = insert.replace("'INS-CAPTURE'", "':prefix:client_id-:n'")
    insert = " ".join(insert.split()) + ";"
    # The same statement as a server-side prepared statement (planned once per connection):
    # what the platform would get from psycopg's prepared statements.
    prepared = None
    if len(captured) == 1 and f"'{body}'" in captured[0]:
        p = captured[0].replace(f"'{body}'", "$3").replace(f"'{event_id}'", "$1")
        p = p.replace(f"'{reference}'", "$2")
        body_var = body.replace(event_id, "evt_:prefix:client_id-:n").replace(
            reference, ":prefix:client_id-:n-P1"
        )
        prepared = (
            "\\if :n = 1\nPREPARE confirm(text, text, text) AS " + " ".join(p.split()) + ";\n"
            "\\endif\n"
            f"EXECUTE confirm('evt_:prefix:client_id-:n', ':prefix:client_id-:n-P1', '{body_var}');"
        )
    return statements, insert, rows[0][1], prepared


def pgbench_runs(meta: dict) -> None:
    statements, insert, amount, prepared = capture_confirmation_sql(meta)
    scripts = OUT / "pgbench"
    scripts.mkdir(exist_ok=True)
    confirm_sql = scripts / "confirmation.sql"
    confirm_sql.write_text("\\set n :n + 1\n" + "\n".join(statements) + "\n")
    insert_sql = scripts / "insert_donation.sql"
    insert_sql.write_text("\\set n :n + 1\n" + insert + "\n")
    prepared_sql = scripts / "confirmation_prepared.sql"
    if prepared:
        prepared_sql.write_text("\\set n :n + 1\n" + prepared + "\n")
    RESULTS["captured_statements"] = len(statements)
    log(f"captured {len(statements)} statement(s) from one confirmation -> {confirm_sql}")
    total = int(os.environ.get("BENCH_PGBENCH_TX", str(max(1000, int(3000 * min(1, SCALE * 10))))))
    variants = [
        ("confirmation SQL", confirm_sql, "PB", "c"),
        ("insert one donation", insert_sql, "I", "i"),
    ]
    if prepared:
        variants.insert(1, ("confirmation SQL, prepared", prepared_sql, "PQ", "p"))
    for clients in LEVELS:
        per_client = max(200, total // clients)
        for name, script, letter, kind in variants:
            run_prefix = f"{letter}{RUN_ID}{clients}-"
            if letter != "I":
                pgbench_pending(meta, run_prefix, clients, per_client, amount)
            log_prefix = str(scripts / f"log-{clients}-{kind}")
            result = subprocess.run(
                ["pgbench", "-n", "-r", "-c", str(clients), "-j", str(min(clients, 2)),
                 "-t", str(per_client), "-D", "n=0", "-D", f"prefix={run_prefix}",
                 "-f", str(script), "-l", "--log-prefix", log_prefix, db_url(DB_LARGE)],
                capture_output=True, text=True, cwd=scripts,
            )  # fmt: skip
            if result.returncode != 0:
                raise RuntimeError(f"pgbench failed: {result.stderr[-2000:]}")
            tps = float(result.stdout.split("tps = ")[1].split()[0])
            lat = pgbench_latencies(scripts, clients, kind)
            entry = {"name": name, "clients": clients, "tps": round(tps, 1), **lat,
                     "transactions": clients * per_client, "prefix": run_prefix}  # fmt: skip
            RESULTS["pgbench"].append(entry)
            log(
                f"pgbench {name:<28} c={clients:<3} {tps:>9,.1f} tps  "
                f"p50 {lat['p50_ms']:.2f} ms  p99 {lat['p99_ms']:.2f} ms"
            )
    with pg(DB_LARGE) as conn:
        # The rows pgbench inserted alone are no gifts: remove them before the exactness checks.
        conn.execute(
            "DELETE FROM donations_donation WHERE reference LIKE 'I%%-%%-%%' AND NOT EXISTS "
            "(SELECT 1 FROM donations_paymentattempt a WHERE a.donation_id = donations_donation.id)"
        )
    # pgbench only accepted the events (the webhook's statement): the consumer applies them.
    RESULTS["pgbench_drain"] = consumer_drain(DB_LARGE)
    # confirmed by pgbench: did every transaction confirm its attempt?
    with pg(DB_LARGE) as conn:
        confirmed = conn.execute(
            "SELECT count(*) FROM donations_paymentattempt WHERE state = 'confirmed' "
            "AND (reference LIKE %s OR reference LIKE %s)",
            [f"PB{RUN_ID}%", f"PQ{RUN_ID}%"],
        ).fetchone()[0]
    expected = sum(p["transactions"] for p in RESULTS["pgbench"] if p["name"].startswith("conf"))
    RESULTS["checks"]["pgbench_confirmations"] = {"expected": expected, "confirmed": confirmed}


def pgbench_pending(meta: dict, prefix: str, clients: int, per_client: int, amount) -> None:
    """Pending attempts "<prefix><client>-<n>-P1" for every pgbench client and n, spread over
    the live initiatives (no hot row), with the captured event's amount."""
    tmp = "X" + prefix
    create_pending(
        DB_LARGE, tmp, clients * per_client, hot=meta["hot_initiative"],
        live=meta["live_initiatives"], hot_share=0, amount=amount,
    )  # fmt: skip
    with pg(DB_LARGE) as conn:
        conn.execute(
            """WITH m AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k
                          FROM donations_donation WHERE reference LIKE %s)
               UPDATE donations_donation d SET reference = %s || (m.k %% %s) || '-' || (m.k / %s + 1)
               FROM m WHERE d.id = m.id""",
            [tmp + "%", prefix, clients, clients],
        )
        conn.execute(
            """UPDATE donations_paymentattempt a SET reference = d.reference || '-P1'
               FROM donations_donation d WHERE a.donation_id = d.id AND d.reference LIKE %s""",
            [prefix + "%"],
        )


def pgbench_latencies(folder: Path, clients: int, kind: str) -> dict:
    values = []
    for f in folder.glob(f"log-{clients}-{kind}*"):
        for line in f.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3:
                values.append(int(parts[2]) / 1000)
        f.unlink()
    values.sort()
    if not values:
        return {"p50_ms": 0, "p99_ms": 0}
    return {
        "p50_ms": round(values[len(values) // 2], 3),
        "p99_ms": round(values[min(len(values) - 1, int(len(values) * 0.99))], 3),
    }


# --- lag, exactness ---------------------------------------------------------------------------


def lag_stats(samples: list[dict], windows: list[tuple[float, float]]) -> dict:
    """Staleness of the displayed total: at each sample, how long ago the ledger first held
    money the page does not show yet (0 when the page shows everything)."""
    lags, gaps = [], []
    for a, b in windows:
        window = [s for s in samples if a <= s["t"] <= b]
        for i, s in enumerate(window):
            shown, ledger = Decimal(s["shown"]), Decimal(s["ledger"])
            gaps.append(ledger - shown)
            if shown >= ledger:
                lags.append(0.0)
                continue
            first = next((w["t"] for w in window[: i + 1] if Decimal(w["ledger"]) > shown), s["t"])
            lags.append(s["t"] - first)
    if not lags:
        return {}
    lags.sort()
    return {
        "samples": len(lags),
        "max_s": round(lags[-1], 3),
        "p99_s": round(lags[min(len(lags) - 1, int(len(lags) * 0.99))], 3),
        "median_s": round(statistics.median(lags), 3),
        "max_gap_omr": str(max(gaps)),
    }


CHURNED_TABLES = (
    "donations_donation", "donations_paymentattempt", "ledger_transaction", "ledger_raiseddelta",
    "ledger_accounttotal", "receipts_receiptcounter", "django_tasks_database_dbtaskresult",
)  # fmt: skip


def vacuum_if_autovacuum_is_off(database: str, when: str) -> None:
    """Production runs autovacuum; a machine with it off (this kind of machine had it off) lets
    the updated tables bloat from run to run and every later measurement pays for it. Then the
    bench vacuums them itself between phases, and says so."""
    with pg(database) as conn:
        if conn.execute("SHOW autovacuum").fetchone()[0] == "on":
            return
        t0 = time.monotonic()
        existing = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables").fetchall()}
        for table in CHURNED_TABLES:
            if table in existing:
                conn.execute(f"VACUUM (ANALYZE) {table}")
    took = time.monotonic() - t0
    note = f"autovacuum is off on this server: the bench vacuumed the updated tables of {database} {when} ({took:.0f} s)"
    RESULTS["notes"].append(note)
    log(note)


def settle(database: str, timeout: int = 900) -> dict:
    """Wait until the consumer has applied every accepted webhook event and the ledger loop has
    sealed and folded everything (as after the load)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with pg(database) as conn:
            waiting = conn.execute(
                "SELECT count(*) FROM payments_webhookevent WHERE processed_at IS NULL "
                "AND apply_failures < 5"
            ).fetchone()[0]
            unsealed = conn.execute(
                "SELECT count(*) FROM ledger_transaction WHERE seq IS NULL"
            ).fetchone()[0]
            deltas = conn.execute("SELECT count(*) FROM ledger_raiseddelta").fetchone()[0]
        if waiting == 0 and unsealed == 0 and deltas == 0:
            return {"seconds": round(time.monotonic() - started, 1)}
        time.sleep(1)
    return {"seconds": None, "waiting": waiting, "unsealed": unsealed, "deltas": deltas}


def redeliver(server: Server, bodies: Path, indexes: list[int]) -> dict:
    """Deliver again (freshly signed, as the sandbox re-signs every delivery) the bodies at
    ``indexes``: a gateway retries until it gets a 2xx."""
    from joud.payments.providers.sandbox.signing import HEADER, sign

    lines = bodies.read_text().splitlines()
    results: dict[str, int] = {}
    for i in indexes:
        body = lines[i].split("\t", 1)[1].encode()
        request = urllib.request.Request(
            server.url + "/pay/webhooks/sandbox/",
            data=body,
            headers={HEADER: sign(body, SECRET), "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            status = json.loads(r.read())["status"]
        results[status] = results.get(status, 0) + 1
    return results


def exactness(server: Server) -> None:
    checks = RESULTS["checks"]
    runs = [r for r in RESULTS["runs"] if r.get("scenario") == "confirm"]
    sent_total = in_ledger = redelivered_ok = 0
    replay: dict[str, int] = {}
    for run in runs:
        bodies = Path(run["bodies"])
        sent = min(run["sent"], run["prepared"])
        lines = bodies.read_text().splitlines()
        refs = [json.loads(line.split("\t", 1)[1])["data"]["reference"] for line in lines[:sent]]
        with pg(DB_LARGE) as conn:
            have = {
                r
                for (r,) in conn.execute(
                    "SELECT reference FROM ledger_transaction WHERE kind = 'donation' "
                    "AND reference LIKE %s",
                    [run["prefix"] + "%"],
                ).fetchall()
            }
        missing = [i for i, r in enumerate(refs) if r not in have]
        if missing:  # in flight when wrk stopped: the gateway delivers them again
            got = redeliver(server, bodies, missing)
            redelivered_ok += got.get("accepted", 0) + got.get("confirm", 0)
        # and a replay of already-applied events must change nothing
        sample = [i for i, r in enumerate(refs) if r in have][:50]
        for status, n in redeliver(server, bodies, sample).items():
            replay[status] = replay.get(status, 0) + n
        sent_total += sent
        in_ledger += len(have)
    for run in runs:  # the consumer applies what the redeliveries accepted
        applied_stats(run["prefix"])
    with pg(DB_LARGE) as conn:
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT reference FROM ledger_transaction WHERE kind = 'donation' "
            "GROUP BY reference HAVING count(*) > 1) x"
        ).fetchone()[0]
        events_dup = conn.execute(
            "SELECT count(*) FROM (SELECT reference FROM payments_webhookevent WHERE event_type = "
            "'payment.succeeded' GROUP BY reference HAVING count(*) > 1) x"
        ).fetchone()[0]
        final = sum(
            conn.execute(
                "SELECT count(*) FROM ledger_transaction WHERE kind = 'donation' AND reference LIKE %s",
                [run["prefix"] + "%"],
            ).fetchone()[0]
            for run in runs
        )
    checks["confirmations"] = {
        "sent": sent_total,
        "in_ledger_after_load": in_ledger,
        "redelivered_in_flight_confirmed": redelivered_ok,
        "in_ledger_after_redelivery": final,
        "duplicate_ledger_transactions": duplicates,
        "replayed_events": replay,
        "duplicate_succeeded_events_per_attempt": events_dup,
        "ok": final == sent_total and duplicates == 0 and set(replay) <= {"duplicate"},
    }


def final_checks(meta: dict) -> None:
    checks = RESULTS["checks"]
    log("settling: waiting for the ledger loop to seal and fold everything ...")
    checks["settle"] = settle(DB_LARGE)
    with pg(DB_LARGE) as conn:
        mismatches = conn.execute(
            """SELECT count(*) FROM (
                   SELECT fund_account_id AS account_id, sum(amount) AS raised, count(*) AS n
                   FROM donations_donation WHERE state = 'confirmed' GROUP BY fund_account_id
               ) d FULL JOIN ledger_accounttotal t ON t.account_id = d.account_id
               WHERE coalesce(d.raised, 0) <> coalesce(t.raised, 0)
                  OR coalesce(d.n, 0) <> coalesce(t.donations, 0)"""
        ).fetchone()[0]
        accounts = conn.execute("SELECT count(*) FROM ledger_accounttotal").fetchone()[0]
        hot_sum = conn.execute(
            "SELECT coalesce(sum(amount), 0) FROM donations_donation WHERE state = 'confirmed' "
            "AND initiative_id = %s",
            [meta["hot_initiative"]],
        ).fetchone()[0]
    from joud.campaigns.models import Initiative
    from joud.core.tenancy import scopes_disabled
    from joud.ledger.progress import initiative_progress

    with scopes_disabled():
        shown = initiative_progress(Initiative.objects.get(pk=meta["hot_initiative"]))[0]
    checks["totals"] = {
        "accounts_checked": accounts,
        "accounts_not_equal_to_sum_of_confirmed_donations": mismatches,
        "hot_initiative_page_total": str(shown),
        "hot_initiative_sum_of_donations": str(hot_sum),
        "ok": mismatches == 0 and shown == hot_sum,
    }


def verify_ledger() -> None:
    checks = RESULTS["checks"]
    log("ledger_verify (the whole chain) ...")
    t0 = time.monotonic()
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "ledger_verify"],
        cwd=ROOT,
        env=dict(
            os.environ, DATABASE_URL=db_url(DB_LARGE), DJANGO_SETTINGS_MODULE="joud.settings.base"
        ),
        capture_output=True,
        text=True,
    )
    checks["ledger_verify"] = {
        "ok": result.returncode == 0,
        "output": (result.stdout + result.stderr).strip()[-1500:],
        "seconds": round(time.monotonic() - t0, 1),
    }


# --- profile ----------------------------------------------------------------------------------


def start_profilers(label: str, server: Server) -> list:
    """py-spy on every worker for the next run (wall-clock samples, idle included)."""
    pyspy = VENV_BIN / "py-spy"
    if not pyspy.exists():
        RESULTS["notes"].append("py-spy not installed: no profile")
        return []
    folder = OUT / "profile" / label.replace(" ", "-")
    folder.mkdir(parents=True, exist_ok=True)
    RESULTS.setdefault("profile_folders", {})[label] = str(folder)
    return [
        subprocess.Popen(
            [str(pyspy), "record", "--pid", str(pid), "--duration", str(max(5, DURATION - 3)),
             "--rate", "100", "--format", "raw", "--idle", "--nonblocking",
             "-o", str(folder / f"worker-{pid}.txt")],
            stdout=subprocess.DEVNULL, stderr=open(folder / f"py-spy-{pid}.log", "w"),
        )
        for pid in server.worker_pids()
    ]  # fmt: skip


def profile_run(label: str, server: Server, action) -> None:
    """Where the time goes while ``action(during)`` drives the server."""
    action(lambda: start_profilers(label, server))
    folder = RESULTS.get("profile_folders", {}).get(label)
    if folder:
        RESULTS.setdefault("profiles", {})[label] = summarize_profile(Path(folder))


def summarize_profile(folder: Path) -> dict:
    """Share of worker samples by where the time goes (folded stacks from py-spy)."""
    buckets = {  # first match wins: a query issued from a template counts as database time
        "waiting for PostgreSQL (psycopg)": ("psycopg",),
        "QR code (segno)": ("segno",),
        "money/number formatting (babel)": ("babel/",),
        "ORM (building queries, rows to objects)": ("django/db/",),
        "templates (rendering)": ("django/template/",),
        "HMAC/JSON verification (sandbox provider)": ("sandbox/provider.py", "signing.py"),
        "confirmation service (donations)": ("donations/",),
        "campaigns views/selectors": ("campaigns/",),
        "middleware & request/response (Django)": ("django/core/handlers", "middleware"),
        "gunicorn (accept/parse/write)": ("gunicorn/",),
    }
    counts = {k: 0 for k in buckets}
    total = idle = 0
    leaf: dict[str, int] = {}
    for f in folder.glob("worker-*.txt"):
        for line in f.read_text().splitlines():
            stack, _, n = line.rpartition(" ")
            if not n.isdigit():
                continue
            n = int(n)
            total += n
            frames = stack.split(";")
            last = frames[-1] if frames else ""
            if "handle_request" not in stack and "process_request" not in stack:
                idle += n  # a worker waiting for a connection, not serving one
                continue
            leaf[last] = leaf.get(last, 0) + n
            for name, needles in buckets.items():
                if any(needle in stack for needle in needles):
                    counts[name] += n
                    break
    busy = max(1, total - idle)
    top = sorted(leaf.items(), key=lambda kv: -kv[1])[:12]
    return {
        "samples": total,
        "idle_share": round(idle / max(1, total), 3),
        "busy_share_by_area": {k: round(v / busy, 3) for k, v in counts.items()},
        "top_leaf_frames": [[k[:160], round(v / busy, 3)] for k, v in top],
    }


# --- main -------------------------------------------------------------------------------------


SERVER_SECRET_KEY = secrets.token_urlsafe(50)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    log(f"results: {OUT}  (cores: {os.cpu_count()}, scale {SCALE}, {DURATION}s per run)")
    t_start = time.monotonic()
    RESULTS["sizes"] = sizes()
    t0 = time.monotonic()
    RESULTS["datasets"] = databases.main()
    RESULTS["generation_s"] = round(time.monotonic() - t0, 1)
    meta = RESULTS["datasets"][DB_LARGE]
    os.environ["DATABASE_URL"] = db_url(DB_LARGE)
    os.environ["DJANGO_SETTINGS_MODULE"] = "joud.settings.base"
    os.environ["JOUD_STATIC_ROOT"] = str(OUT / "static")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    for database in (DB_LARGE, DB_SMALL):
        with pg(database) as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text NOT NULL,"
                " created_at timestamptz NOT NULL DEFAULT now())"
            )
    log("collectstatic (production storage) ...")
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=dict(os.environ, JOUD_STATIC_ROOT=str(OUT / "static")),
        check=True,
    )
    cores = os.cpu_count() or 2
    # The production profile as gunicorn.conf.py sets it: sync workers, 2 per core + 1.
    prod = {"workers": 2 * cores + 1, "worker_class": "sync", "threads": 1}
    if os.environ.get("BENCH_SERVER"):  # e.g. "sync:4:1" to measure another configuration
        kind, count, threads = os.environ["BENCH_SERVER"].split(":")
        prod = {"workers": int(count), "worker_class": kind, "threads": int(threads)}
    phases = set(os.environ.get("BENCH_PHASES", "all").split(","))

    def on(name: str) -> bool:
        return "all" in phases or name in phases

    for database in (DB_LARGE, DB_SMALL):
        vacuum_if_autovacuum_is_off(database, "before the runs")
    # Cost growth: the same pages on the 20k-donation dataset.
    if on("browse"):
        with (
            Background("ledger_loop", DB_SMALL, "ledger.fold", label="ledger_worker_small"),
            Background("ledger_loop", DB_SMALL, *OTHER_JOBS, label="default_worker_small"),
            Server(DB_SMALL, **prod),
        ):
            browsing(DB_SMALL, "20k")
    windows = []
    with (
        # Production's two workers: one for the ledger queue (the fold), one for the rest.
        Background("ledger_loop", DB_LARGE, "ledger.fold", label="ledger_worker") as loop,
        Background("ledger_loop", DB_LARGE, *OTHER_JOBS, label="default_worker") as other,
        Background("sampler", DB_LARGE, str(meta["hot_initiative"])) as sampler,
    ):
        if on("drain"):  # before the consumer runs beside the load: it would take the backlog
            drain_phase(meta)
        consumer = Background("consumer", DB_LARGE, label="consumer")
        consumer.__enter__()
        with Server(DB_LARGE, **prod) as server:
            if on("browse"):
                browsing(DB_LARGE, "2M")
                query_counts(meta)
            if on("checkout"):
                checkout(meta, server)
            if on("confirm"):
                vacuum_if_autovacuum_is_off(DB_LARGE, "before the confirmations")
                for c in LEVELS:
                    bare_run(c, server)
                for c in LEVELS:
                    a = time.time()
                    confirmations_run(meta, c, server, "s")
                    windows.append((a, time.time()))
            if on("profile"):
                profile_run(
                    "confirmations c=32",
                    server,
                    lambda during: confirmations_run(meta, 32, server, "prof", during),
                )
                paths = OUT / f"paths-{DB_LARGE}-initiative.txt"
                if paths.exists():
                    profile_run(
                        "initiative page c=8",
                        server,
                        lambda during: (
                            during(),
                            wrk(
                                "profile initiative page",
                                "get_paths.lua",
                                BROWSE_CONNECTIONS,
                                {"BENCH_PATHS": str(paths)},
                            ),
                            time.sleep(3),
                        ),
                    )
        if on("alt"):
            vacuum_if_autovacuum_is_off(DB_LARGE, "before the gthread comparison")
            # The comparison: threaded workers (one per core, 8 threads each), gunicorn's other
            # common choice, with the same kept connections.
            alt = Server(DB_LARGE, workers=cores, worker_class="gthread", threads=8)
            with alt as server:
                for c in (32, 64):
                    bare_run(c, server)
                    a = time.time()
                    confirmations_run(meta, c, server, "g")
                    windows.append((a, time.time()))
        RESULTS["lag"] = lag_stats(sampler.lines(), windows)
        if on("confirm"):
            with Server(DB_LARGE, **prod) as server:
                exactness(server)
        if on("pgbench"):
            vacuum_if_autovacuum_is_off(DB_LARGE, "before pgbench")
            pgbench_runs(meta)
        final_checks(meta)
        if on("verify"):
            verify_ledger()
        consumer.__exit__(None, None, None)
        RESULTS["consumer"] = consumer_stats(consumer.lines())
        RESULTS["ledger_loop"] = loop_stats(loop.lines() + other.lines())
    RESULTS["total_s"] = round(time.monotonic() - t_start, 1)
    import report

    # Through JSON, exactly as `python bench/report.py <folder>` re-reads it.
    (OUT / "results.json").write_text(
        json.dumps(RESULTS, indent=2, ensure_ascii=False, default=str)
    )
    report.write(json.loads((OUT / "results.json").read_text()), OUT)
    log(f"results written to {OUT}")


def loop_stats(lines: list[dict]) -> dict:
    """Per job: runs, slowest; for the fold, the longest gap between two folds (what the
    displayed totals wait, including any seal or receipt numbering run queued before it)."""
    out: dict = {}
    for job in sorted({x.get("job", "?") for x in lines}):
        runs = [x for x in lines if x.get("job") == job]
        took = sorted(x["took"] for x in runs) or [0]
        slowest = max(runs, key=lambda x: x["took"]) if runs else {}
        stats = {
            "runs": len(runs),
            "max_s": round(took[-1], 3),
            "p99_s": round(took[min(len(took) - 1, int(len(took) * 0.99))], 3),
            "slowest_run": slowest,
            "total_result": sum(x["result"] for x in runs if isinstance(x.get("result"), int)),
        }
        if job == "ledger.fold":
            ends = [x["t"] + x["took"] for x in runs]
            gaps = [b - a for a, b in itertools.pairwise(ends)] or [0]
            stats["longest_gap_between_folds_s"] = round(max(gaps), 2)
        out[job] = stats
    return out


if __name__ == "__main__":
    main()
