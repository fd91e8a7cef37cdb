"""The two confirmation paths write the same rows.

Production applies a webhook with ONE SQL statement (``donations.fastpath``); SQLite (the demo),
the return page and polls use the ORM (``services.confirmation._apply_orm``). The same event
sequences, delivered as signed webhooks, go through each path; every row they write or change
(donation, attempt, provider events, ledger transactions and entries, raised deltas, audit
entries, messages sent after the commit) is dumped, normalised (ids, references, event ids and
times replaced by labels) and compared. Each scenario also states what must come out of it, so
the ORM path run alone on SQLite (``-m sqlite``, in ``make test``) is held to the same result.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Max

from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations import services
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.webhooks import InProcessRequest, handle_webhook
from joud.ledger.models import Entry, RaisedDelta, Transaction
from joud.ledger.services import ledger_seal
from joud.ledger.verify import ledger_verify
from joud.payments.models import WebhookEvent
from tests.donations.factories import deliver, make_donation, signed_headers

UNKNOWN = "JD-ZZZZZ-P1"

# A step: (event type, event id label or "" for none, changes to the event's data).
OK, FAIL, PEND = "payment.succeeded", "payment.failed", "payment.pending"
SCENARIOS = {
    "success": [(OK, "e1", {})],
    "duplicate success": [(OK, "e1", {}), (OK, "e1", {})],
    "failure then success": [(FAIL, "e1", {}), (OK, "e2", {})],
    "success then failure": [(OK, "e1", {}), (FAIL, "e2", {})],
    "pending then success": [(PEND, "e1", {}), (OK, "e2", {})],
    "unknown reference": [(OK, "e1", {"reference": UNKNOWN})],
    "empty event id": [(OK, "", {})],
    "empty event ids: failure then success": [(FAIL, "", {}), (OK, "", {})],
    "amount mismatch": [(OK, "e1", {"amount": "11.000"})],
    "currency mismatch": [(OK, "e1", {"currency": "USD"})],
    "mismatch then a correct success": [(OK, "e1", {"amount": "9.000"}), (OK, "e2", {})],
    "a second attempt paid too": [(OK, "e1", {}), (OK, "e2", {"attempt": 2})],
    "a second attempt paid after a failure": [(FAIL, "e1", {}), (OK, "e2", {"attempt": 2})],
}

# What each scenario must leave: the answers, donation and attempt states, ledger postings,
# provider events recorded, audit actions and messages sent.
EXPECTED = {
    "success": (["confirm"], "confirmed", "confirmed", 1, 1, ["confirmed"], 2),
    "duplicate success": (["confirm", "duplicate"], "confirmed", "confirmed", 1, 1, ["confirmed"], 2),
    "failure then success": (
        ["fail", "confirm"], "confirmed", "confirmed", 1, 2, ["failed", "confirmed"], 2,
    ),
    "success then failure": (["confirm", "noop"], "confirmed", "confirmed", 1, 2, ["confirmed"], 2),
    "pending then success": (
        ["pend", "confirm"], "confirmed", "confirmed", 1, 2, ["pending", "confirmed"], 2,
    ),
    "unknown reference": (["unknown"], "pending", "created", 0, 1, [], 0),
    "empty event id": (["confirm"], "confirmed", "confirmed", 1, 0, ["confirmed"], 2),
    "empty event ids: failure then success": (
        ["fail", "confirm"], "confirmed", "confirmed", 1, 0, ["failed", "confirmed"], 2,
    ),
    "amount mismatch": (["hold"], "held_for_review", "held_for_review", 0, 1, ["held_for_review"], 0),
    "currency mismatch": (
        ["hold"], "held_for_review", "held_for_review", 0, 1, ["held_for_review"], 0,
    ),
    "mismatch then a correct success": (
        ["hold", "noop"], "held_for_review", "held_for_review", 0, 2, ["held_for_review"], 0,
    ),
    # One gift paid twice (two attempts): booked once, the second payment held for review.
    "a second attempt paid too": (
        ["confirm", "hold"], "confirmed", "confirmed held_for_review", 1, 2,
        ["confirmed", "held_for_review"], 2,
    ),
    "a second attempt paid after a failure": (
        ["fail", "confirm"], "confirmed", "failed confirmed", 1, 2, ["failed", "confirmed"], 2,
    ),
}  # fmt: skip


def _body(attempt, event_type: str, event_id: str, changes: dict, created: int) -> bytes:
    changes = {k: v for k, v in changes.items() if k != "attempt"}
    data = {
        "reference": attempt.reference,
        "session_id": attempt.provider_reference,
        "amount": str(attempt.amount),
        "currency": "OMR",
        "fee": "0.150",
    }
    data.update(changes)
    payload = {"id": event_id, "type": event_type, "created": created, "data": data}
    return json.dumps(payload).encode()


def _high_water() -> dict:
    models = (WebhookEvent, Transaction, Entry, RaisedDelta, AuditLogEntry, OutboxMessage)
    return {m: m.objects.aggregate(top=Max("id"))["top"] or 0 for m in models}


class _Labels:
    """Replaces what differs between two runs of one scenario (ids, references, event ids,
    times) by stable labels, so that the rows of the two runs can be compared."""

    def __init__(self, donation, attempts: list, event_ids: dict[str, str]):
        attempt = attempts[0]
        self.strings = {
            **{a.provider_reference: f"<session{a.number}>" for a in attempts},
            **{a.reference: f"<attempt{a.number}>" for a in reversed(attempts)},
            donation.reference: "<donation>",
            donation.access_token: "<token>",
            **{real: f"<{label}>" for label, real in event_ids.items() if real},
        }
        self.ids = {("donation", donation.pk): "<donation>"}
        self.ids.update({("attempt", a.pk): f"<attempt{a.number}>" for a in attempts})
        assert attempt.number == 1

    def text(self, value: str) -> str:
        for real, label in self.strings.items():
            value = value.replace(real, label)
        return value

    def row(self, row: dict, *, drop=("id",), links=()) -> dict:
        out = {}
        for key, value in row.items():
            if key in drop:
                continue
            if isinstance(value, dt.datetime):
                value = "<time>"
            elif isinstance(value, str):
                value = self.text(value)
            elif isinstance(value, dict):
                value = json.loads(self.text(json.dumps(value, sort_keys=True)))
            for kind, field in links:
                if key == field:
                    value = self.ids.get((kind, int(value)), value)
            out[key] = value
        return out


def _dump(donation, since: dict, labels: _Labels) -> dict:
    """Every row the run wrote (ids above ``since``) or changed, normalised."""
    with scopes_disabled():
        donation_row = Donation.unscoped.filter(pk=donation.pk).values().get()
        attempt_rows = list(
            PaymentAttempt.unscoped.filter(donation=donation).order_by("number").values()
        )
    new = {model: model.objects.filter(id__gt=top) for model, top in since.items()}
    entries_of: dict[int, list] = {}
    entry_rows = new[Entry].order_by("id")
    for entry in entry_rows.values("transaction_id", "account__code", "kind", "debit", "credit"):
        entries_of.setdefault(entry.pop("transaction_id"), []).append(entry)
    transactions = [
        {
            **labels.row(txn),
            "entries": entries_of.get(txn["id"], []),
        }
        for txn in new[Transaction].order_by("id").values()
    ]
    return {
        "donation": labels.row(donation_row, drop=("id", "reference", "access_token")),
        "attempts": [labels.row(a, links=[("donation", "donation_id")]) for a in attempt_rows],
        "events": [labels.row(e) for e in new[WebhookEvent].order_by("id").values()],
        "transactions": transactions,
        "deltas": [labels.row(d) for d in new[RaisedDelta].order_by("id").values()],
        "audit": [
            labels.row(a, links=[("attempt", "object_id")])
            for a in new[AuditLogEntry].order_by("id").values()
        ],
        "messages": sorted(
            (m["channel"], m["to"], labels.text(m["subject"]))
            for m in new[OutboxMessage].values("channel", "to", "subject")
        ),
    }


def _run(scenario, initiative, settings, django_capture_on_commit_callbacks, path, created=None):
    settings.JOUD_CONFIRMATION_SQL = path
    donation, attempt = make_donation(
        initiative=initiative,
        amount="10.000",
        donor_name="Salim",
        donor_email="salim@example.om",
        gift_recipient_name="Aisha",
        gift_recipient_email="aisha@example.om",
    )
    attempts = [attempt]
    steps = SCENARIOS[scenario]
    while len(attempts) < max(changes.get("attempt", 1) for _t, _l, changes in steps):
        with scopes_disabled():  # the payer opened a second checkout before paying the first
            attempts.append(services.payment_attempt_start(donation=donation, return_url="/")[0])
    since = _high_water()
    event_ids, answers = {}, []
    for event_type, label, changes in steps:
        attempt = attempts[changes.get("attempt", 1) - 1]
        if label and label not in event_ids:
            event_ids[label] = f"evt_{path}_{scenario.replace(' ', '_')}_{label}"
        body = _body(
            attempt, event_type, event_ids.get(label, ""), changes, created or int(time.time())
        )
        with django_capture_on_commit_callbacks(execute=True):
            status, payload = deliver(body)
        assert status == 200, payload
        answers.append(payload["status"])
    return answers, _dump(donation, since, _Labels(donation, attempts, event_ids))


def _summary(answers: list, dump: dict) -> tuple:
    return (
        answers,
        dump["donation"]["state"],
        " ".join(a["state"] for a in dump["attempts"]),
        len(dump["transactions"]),
        len(dump["events"]),
        [a["action"].removeprefix("joud.payment.") for a in dump["audit"]],
        len(dump["messages"]),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_sql_and_orm_paths_write_identical_rows(
    scenario, initiative, settings, django_capture_on_commit_callbacks
):
    if connection.vendor != "postgresql":
        pytest.skip("the SQL path needs PostgreSQL")
    now = int(time.time())  # the events' own time, the same in both runs
    sql = _run(scenario, initiative, settings, django_capture_on_commit_callbacks, "sql", now)
    orm = _run(scenario, initiative, settings, django_capture_on_commit_callbacks, "orm", now)
    assert sql[0] == orm[0]  # the answers
    for table in orm[1]:
        assert (table, sql[1][table]) == (table, orm[1][table])
    assert _summary(*orm) == EXPECTED[scenario]
    ledger_seal()
    report = ledger_verify()
    assert report.ok, report.problems


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_orm_path_gives_the_stated_result(
    scenario, initiative, settings, django_capture_on_commit_callbacks
):
    """On SQLite (the demo's database: ``make test`` runs this file there too) and PostgreSQL."""
    answers, dump = _run(scenario, initiative, settings, django_capture_on_commit_callbacks, "orm")
    assert _summary(answers, dump) == EXPECTED[scenario]
    for txn in dump["transactions"]:
        debits = sum((e["debit"] for e in txn["entries"]), Decimal(0))
        assert debits == sum((e["credit"] for e in txn["entries"]), Decimal(0)) == Decimal("10.350")
        assert (txn["seq"], txn["prev_hash"], txn["hash"]) == (None, "", "")
    ledger_seal()
    report = ledger_verify()
    assert report.ok, report.problems


def _run_batched(initiative, settings, django_capture_on_commit_callbacks, path, created):
    """Every scenario's events accepted first, then applied by the consumer in ONE batch (the
    set-based statement for payments alone in the batch, one by one for the others)."""
    settings.JOUD_CONFIRMATION_SQL = path
    runs = []
    for scenario, steps in SCENARIOS.items():
        if any(not label for _t, label, _c in steps):
            continue  # an event without an id is applied in the request, never queued
        donation, attempt = make_donation(
            initiative=initiative,
            amount="10.000",
            donor_name="Salim",
            donor_email="salim@example.om",
            gift_recipient_name="Aisha",
            gift_recipient_email="aisha@example.om",
        )
        attempts = [attempt]
        while len(attempts) < max(changes.get("attempt", 1) for _t, _l, changes in steps):
            with scopes_disabled():
                attempts.append(
                    services.payment_attempt_start(donation=donation, return_url="/")[0]
                )
        runs.append((scenario, steps, donation, attempts))
    since = _high_water()
    event_ids: dict[str, dict[str, str]] = {}
    for scenario, steps, _donation, attempts in runs:
        ids = event_ids.setdefault(scenario, {})
        for event_type, label, changes in steps:
            attempt = attempts[changes.get("attempt", 1) - 1]
            ids.setdefault(label, f"evt_b{path}_{scenario.replace(' ', '_')}_{label}")
            body = _body(attempt, event_type, ids[label], changes, created)
            status, payload = handle_webhook(
                "sandbox", InProcessRequest(body=body, headers=signed_headers(body))
            )
            assert status == 200 and payload["status"] in ("accepted", "duplicate")
    with django_capture_on_commit_callbacks(execute=True):
        drained = services.accepted_events_apply()
    assert drained.batches == 1 and drained.failed == 0
    out = {}
    for scenario, _steps, donation, attempts in runs:
        labels = _Labels(donation, attempts, event_ids[scenario])
        dump = _dump(donation, since, labels)
        # only this scenario's rows among everything the batch wrote
        mine = {labels.text(v) for v in (donation.reference, *(a.reference for a in attempts))}
        for table in ("events", "transactions", "audit"):
            dump[table] = [r for r in dump[table] if _mentions(r, mine, attempts)]
        dump["deltas"] = len(dump["transactions"])
        dump["messages"] = [m for m in dump["messages"] if "<donation>" in m[2]]
        out[scenario] = dump
    return out


def _mentions(row: dict, labels: set[str], attempts) -> bool:
    text = json.dumps(row, sort_keys=True, default=str)
    return any(label in text for label in labels)


@pytest.mark.django_db
def test_one_batch_writes_identical_rows_on_both_paths(
    initiative, settings, django_capture_on_commit_callbacks
):
    if connection.vendor != "postgresql":
        pytest.skip("the SQL path needs PostgreSQL")
    now = int(time.time())
    sql = _run_batched(initiative, settings, django_capture_on_commit_callbacks, "sql", now)
    orm = _run_batched(initiative, settings, django_capture_on_commit_callbacks, "orm", now)
    assert sql.keys() == orm.keys() and len(orm) >= 10
    assert len(orm["success"]["events"]) == len(orm["success"]["transactions"]) == 1
    assert len(orm["a second attempt paid too"]["audit"]) == 2  # what is compared is there
    for scenario in orm:
        for table in orm[scenario]:
            assert (scenario, table, sql[scenario][table]) == (
                scenario,
                table,
                orm[scenario][table],
            )
        states = orm[scenario]["donation"]["state"], EXPECTED[scenario][1]
        assert states[0] == states[1], scenario  # the same end as applied one by one
    ledger_seal()
    report = ledger_verify()
    assert report.ok, report.problems
