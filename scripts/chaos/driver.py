"""`make chaos` (scripts/chaos/chaos.sh creates the PostgreSQL cluster this runs against).

1. a small dataset (the bench's generator at its smallest scale) and CHAOS_EVENTS pending
   donations with their signed sandbox webhooks (the bench's ``create_pending``/``sign_bodies``);
2. the platform as production runs it: gunicorn (``joud.settings.loopback``), ``run_scheduler``,
   a ``db_worker`` for the ledger queue and one for the rest;
3. a gateway (gateway.py) delivering every event until acknowledged, with duplicates on purpose,
   while the script kills gunicorn workers (-9), the gunicorn master (-9, then starts it again),
   restarts PostgreSQL (fast, then immediate), stops and starts the task workers — by pid, at
   scripted moments (faults.py);
4. after the fold caught up: every event recorded once, totals exact, ``ledger_verify``; the
   figures printed and saved under test-artifacts/chaos/<timestamp>/; exit 1 on any loss or
   double.

Environment (chaos.sh sets the first ones): CHAOS_OUT, BENCH_PG/BENCH_DB/BENCH_PORT (the bench's
database and port settings), CHAOS_EVENTS (default 4500), CHAOS_RATE (first deliveries a second,
default 25).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "bench"))

import databases  # noqa: E402  (the bench's dataset builder)
import faults  # noqa: E402
import run as bench  # noqa: E402  (the bench's server, pending donations, signing, checks)
from common import DB_LARGE, db_url, sizes  # noqa: E402
from gateway import Event, Gateway  # noqa: E402

OUT = Path(os.environ.get("CHAOS_OUT") or ROOT / "test-artifacts" / "chaos" / bench.STAMP)
EVENTS = int(os.environ.get("CHAOS_EVENTS", "4500"))
RATE = float(os.environ.get("CHAOS_RATE", "25"))
PREFIX = f"CH{bench.RUN_ID}-"


def log(text: str) -> None:
    bench.log(text)


def _terminate(*_args):
    raise SystemExit(130)


def prepare() -> tuple[dict, list[Event]]:
    t0 = time.monotonic()
    databases.make_template()
    meta = databases.build(DB_LARGE, sizes()["donations"])
    log(f"dataset: {meta['donations']:,} donations in {time.monotonic() - t0:.0f}s")
    os.environ.update(DATABASE_URL=db_url(DB_LARGE), DJANGO_SETTINGS_MODULE="joud.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    rows = bench.create_pending(
        DB_LARGE, PREFIX, EVENTS, hot=meta["hot_initiative"], live=meta["live_initiatives"]
    )
    bodies = OUT / "bodies.tsv"
    bench.sign_bodies(rows, bodies, event_prefix="evt_chaos_")
    events = []
    for line in bodies.read_text().splitlines():
        body = line.split("\t", 1)[1]
        payload = json.loads(body)
        data = payload["data"]
        events.append(Event(payload["id"], data["reference"], data["amount"], body.encode()))
    log(f"{len(events):,} pending donations with signed webhooks ({PREFIX}*)")
    return meta, events


def raised_total() -> Decimal:
    with bench.pg(DB_LARGE) as conn:
        return conn.execute("SELECT coalesce(sum(raised), 0) FROM ledger_accounttotal").fetchone()[
            0
        ]


def recorded(events: list[Event], acknowledged: set[str]) -> dict:
    """What the platform recorded of this run's events, against what the gateway sent."""
    ids = [e.event_id for e in events]
    with bench.pg(DB_LARGE) as conn:
        per_event = dict(
            conn.execute(
                "SELECT event_id, count(*) FROM payments_webhookevent "
                "WHERE provider = 'sandbox' AND event_id = ANY(%s) GROUP BY event_id",
                [ids],
            ).fetchall()
        )
        per_reference = dict(
            conn.execute(
                "SELECT reference, count(*) FROM ledger_transaction WHERE kind = 'donation' "
                "AND reference LIKE %s GROUP BY reference",
                [PREFIX + "%"],
            ).fetchall()
        )
        confirmed, confirmed_sum = conn.execute(
            "SELECT count(*), coalesce(sum(amount), 0) FROM donations_donation "
            "WHERE reference LIKE %s AND state = 'confirmed'",
            [PREFIX + "%"],
        ).fetchone()
        ledger_sum = conn.execute(
            "SELECT coalesce(sum(e.credit), 0) FROM ledger_entry e "
            "JOIN ledger_transaction t ON t.id = e.transaction_id "
            "WHERE t.kind = 'donation' AND t.reference LIKE %s AND e.kind = 'gross'",
            [PREFIX + "%"],
        ).fetchone()[0]
    # A transaction's reference is the donation's or the attempt's: match either.
    posted = {}
    for reference, n in per_reference.items():
        posted[reference] = posted.get(reference, 0) + n
    lost = doubled = 0
    for event in events:
        donation = event.reference.rsplit("-P", 1)[0]
        n = posted.get(event.reference, 0) + (
            posted.get(donation, 0) if donation != event.reference else 0
        )
        if event.event_id in acknowledged and n == 0:
            lost += 1
        if n > 1 or per_event.get(event.event_id, 0) > 1:
            doubled += 1
    return {
        "events_recorded": sum(1 for i in ids if per_event.get(i, 0) >= 1),
        "events_recorded_twice": sum(1 for i in ids if per_event.get(i, 0) > 1),
        "donations_confirmed": confirmed,
        "ledger_donation_transactions": sum(per_reference.values()),
        "lost": lost,
        "doubled": doubled,
        "sum_sent": str(sum((Decimal(e.amount) for e in events), Decimal(0))),
        "sum_confirmed_donations": str(confirmed_sum),
        "sum_ledger_gross": str(ledger_sum),
    }


def main() -> int:
    signal.signal(signal.SIGTERM, _terminate)
    OUT.mkdir(parents=True, exist_ok=True)
    bench.OUT = OUT  # the bench's server writes its log and static files there
    started = time.monotonic()
    meta, events = prepare()
    platform = faults.Platform(OUT, DB_LARGE)
    report: dict = {"events": EVENTS, "rate": RATE, "prefix": PREFIX, "faults": []}
    try:
        platform.start()
        log("settling before the load ...")
        report["settle_before"] = bench.settle(DB_LARGE, timeout=120)
        before = raised_total()
        from joud.payments.providers.sandbox.signing import HEADER, sign

        gateway = Gateway(
            "127.0.0.1",
            bench.PORT,
            "/pay/webhooks/sandbox/",
            sign=lambda body: sign(body, bench.SECRET),
            header=HEADER,
            rate=RATE,
        )
        load = threading.Thread(target=gateway.run, args=(events,), daemon=True)
        t_load = time.time()
        load.start()
        log(f"load: {EVENTS:,} events at {RATE:g}/s, faults at scripted moments")
        report["faults"] = platform.inject(
            t_load, lambda: not load.is_alive(), gateway.first_confirmation_after
        )
        load.join()
        report["load_seconds"] = round(time.time() - t_load, 1)
        ends = [f["t"] for f in report["faults"][1:]] + [time.time()]
        for fault, end in zip(report["faults"], ends, strict=False):  # no fault: one end
            fault["failed_sends"] = gateway.failed_between(fault["t"], end)
        log("load done; waiting for the fold and the seal to catch up ...")
        bench.final_checks(meta)  # settles, then every account total = its confirmed donations
        report["gateway"] = gateway.figures(events)
        acknowledged = {s.event_id for s in gateway.sends if s.acknowledged}
        report["recorded"] = recorded(events, acknowledged)
        report["raised_total_increase"] = str(raised_total() - before)
        bench.verify_ledger()
        report["unexpected_exits"] = [
            {**u, "at": round(u["t"] - t_load, 1)} for u in platform.unexpected
        ]
        report["faults_scripted"] = len(platform.script())
        (OUT / "sends.jsonl").write_text(
            "".join(json.dumps(s.__dict__) + "\n" for s in gateway.sends)
        )
    finally:
        platform.stop()
    report.update(bench.RESULTS["checks"])
    report["total_s"] = round(time.monotonic() - started, 1)
    ok = verdict(report)
    (OUT / "report.json").write_text(json.dumps(report, indent=2, default=str))
    (OUT / "report.md").write_text(summary(report))
    print(summary(report), flush=True)
    log(f"report: {OUT}")
    return 0 if ok else 1


def verdict(report: dict) -> bool:
    g, r = report["gateway"], report["recorded"]
    sent = Decimal(r["sum_sent"])
    report["ok"] = {
        "every_event_acknowledged": g["events_not_acknowledged"] == 0,
        "recorded_once": r["events_recorded"] == g["events_acknowledged"]
        and r["donations_confirmed"] == g["events_acknowledged"]
        and r["ledger_donation_transactions"] == g["events_acknowledged"],
        "lost_0": r["lost"] == 0,
        "doubled_0": r["doubled"] == 0 and r["events_recorded_twice"] == 0,
        "totals_exact": Decimal(r["sum_confirmed_donations"]) == sent
        and Decimal(r["sum_ledger_gross"]) == sent
        and Decimal(report["raised_total_increase"]) == sent
        and report["totals"]["ok"],
        "ledger_verify": report["ledger_verify"]["ok"],
        "every_fault_injected": len(report["faults"]) == report["faults_scripted"],
    }
    return all(report["ok"].values())


def summary(report: dict) -> str:
    g, r = report["gateway"], report["recorded"]
    lines = [
        "# make chaos",
        "",
        f"events sent {g['events']:,}; sends {g['sends']:,} (retries {g['retries']:,}, "
        f"failed sends {g['failed_sends']:,}; duplicate deliveries on purpose "
        f"{g['duplicate_deliveries_on_purpose']:,}); events retried {g['events_retried']:,}",
        f"acknowledged {g['events_acknowledged']:,}; recorded {r['events_recorded']:,}; "
        f"donations confirmed {r['donations_confirmed']:,}; ledger postings "
        f"{r['ledger_donation_transactions']:,}",
        f"lost = {r['lost']}, doubled = {r['doubled']}",
        f"sum sent {r['sum_sent']} OMR = confirmed {r['sum_confirmed_donations']} = ledger gross "
        f"{r['sum_ledger_gross']} = raised totals increase {report['raised_total_increase']}; "
        f"every account total = its confirmed donations: {report['totals']['ok']}",
        f"ledger_verify: {'passed' if report['ledger_verify']['ok'] else 'FAILED'} "
        f"({report['ledger_verify']['seconds']} s); fold caught up in "
        f"{report['settle']['seconds']} s after the load",
        f"outcomes: {g['outcomes']}",
        "exited on their own (started again, as a service manager would): "
        + (
            ", ".join(
                f"{u['process']} at {u['at']} s (exit {u['exit']})"
                for u in report["unexpected_exits"]
            )
            or "none"
        ),
        "",
        "| t (s) | fault | took (s) | confirming again after (s) | failed sends until the next |",
        "|---|---|---|---|---|",
    ]
    for f in report["faults"]:
        lines.append(
            f"| {f['at']:.1f} | {f['name']} | {f['took']} | {f['recovery_s']} "
            f"| {f['failed_sends']} |"
        )
    lines += ["", f"verdict: {report['ok']}", f"total {report['total_s']} s", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
