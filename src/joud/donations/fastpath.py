"""The webhook hot path as ONE SQL statement (PostgreSQL), for the Ramadan-night load.

Through the ORM a confirmation costs a dozen round trips (savepoint, event, lock, two updates,
ledger transaction, entries, delta, audit); here it is one, in autocommit. It does exactly what
``services.confirmation._apply_orm`` does, step by step, and the exactly-once tests run against both:

1. ``ev``: record the event; ``ON CONFLICT DO NOTHING`` makes a replayed event id a no-op
   (a concurrent duplicate waits for the first one's commit, then finds the conflict). An event
   without an id is not recorded, as on the ORM path: it cannot be told from a replay, and
   step 2's lock keeps it exactly-once (recording "" once made every later id-less event of
   the provider a "duplicate", and a failure followed by a success was never confirmed).
2. ``att``: lock the attempt and donation rows (``FOR UPDATE``) and read their LATEST state —
   only if the event is new. Two different events for one payment, and two paid attempts of
   one gift, serialise here; a second paid attempt is held for review, never booked twice.
3. ``dec``: the decision of ``outcomes.decide`` (confirm / hold / fail / pend / noop).
4. update the attempt and the donation; 5. post the balanced ledger transaction (same lines as
   ``ledger.services.donation_lines``), one raised-delta row (no hot total row), one audit row.
   Steps 3–5 are written once, in ``confirm_sql``, for this statement and ``fastbatch.SQL``.

All accounts exist before the payer pays (``donation_create``), so the statement only inserts.
"""

from __future__ import annotations

import re

import psycopg
from django.db import connection
from django.utils import timezone

from joud.donations.confirm_sql import Source, steps
from joud.donations.outcomes import ApplyResult, held_payment_note
from joud.ledger.accounts import CLEARING_CODE, FEES_CODE
from joud.payments.base import ProviderEvent

HEAD = """
WITH ev AS (
    INSERT INTO payments_webhookevent
        (provider, event_id, event_type, reference, body, signature_ok, received_at, processed_at)
    SELECT %(provider)s, %(event_id)s::text, %(event_type)s, %(reference)s, %(body)s, TRUE,
           %(now)s, %(now)s
    WHERE NOT %(keyless)s
    ON CONFLICT (provider, event_id) DO NOTHING
    RETURNING id
), att AS (
    SELECT a.id, a.donation_id, a.organization_id, a.state, a.amount,
           d.fund_account_id, d.admin_share_amount, d.is_gift, d.public_case_id,
           (d.donor_email <> '' OR d.donor_phone <> '') AS has_contact,
           (a.amount = %(amount)s AND a.currency = %(currency)s) IS TRUE AS matches,
           d.confirmed_at IS NOT NULL AS paid
    FROM donations_paymentattempt a
    JOIN donations_donation d ON d.id = a.donation_id
    WHERE a.reference = %(reference)s AND (EXISTS (SELECT 1 FROM ev) OR %(keyless)s)
    FOR UPDATE OF a, d
), """
TAIL = """
SELECT (EXISTS (SELECT 1 FROM ev) OR %(keyless)s) AS new_event, dec.action, dec.donation_id,
       dec.is_gift, dec.has_contact, dec.public_case_id
FROM (SELECT 1) AS one LEFT JOIN dec ON TRUE
"""
SOURCE = Source(
    dec_select="att.*",
    dec_from="att",
    outcome="%(outcome)s",
    matches="att.matches",
    fee="%(fee)s",
    note="%(review_note)s",
    txn_reference="%(reference)s",
    txn_tail="RETURNING id",
    txn_join="txn CROSS JOIN dec",
    clearing="(SELECT id FROM ledger_account WHERE code = %(clearing_code)s)",
    admin="(SELECT id FROM ledger_account WHERE code = 'org:' || dec.organization_id || ':admin')",
    fees_account="(SELECT id FROM ledger_account WHERE code = %(fees_code)s)",
    event_id="%(event_id)s::text",
    amount_text="%(amount_text)s::text",
    currency="%(currency)s::text",
    fee_text="%(fee_text)s::text",
)
SQL = HEAD + steps(SOURCE) + TAIL


# What goes over the wire: the same statement with its layout folded to single spaces and no
# space after a comma, outside string literals (none of which holds two spaces, a newline or a
# comma). psycopg converts a query's %(name)s placeholders once and caches the result only for
# queries of at most 4,096 bytes; the laid-out SQL is longer and would be converted again on
# every webhook. tests/donations/test_fastpath_wire.py keeps the folded statement under the limit.
WIRE_SQL = "'".join(
    part if i % 2 else re.sub(r"\s+", " ", part).replace(", ", ",")
    for i, part in enumerate(SQL.split("'"))
).strip()


def params_for(event: ProviderEvent) -> dict:
    return {
        "provider": event.provider,
        "event_id": event.event_id,
        "keyless": not event.event_id,
        "event_type": event.type,
        "reference": event.reference,
        "body": event.raw_body,
        "now": timezone.now(),
        "amount": event.amount,
        "amount_text": str(event.amount) if event.amount is not None else None,
        "currency": event.currency,
        "fee": event.fee,
        "fee_text": str(event.fee),
        "outcome": event.outcome,
        "review_note": held_payment_note(event),
        "clearing_code": CLEARING_CODE.format(provider=event.provider),
        "fees_code": FEES_CODE,
    }


class _PreparingCursor(psycopg.Cursor):
    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True, **kwargs)


def prepared_cursor():
    """A cursor on Django's connection whose statements PostgreSQL prepares once per connection.

    Bind on the server and prepare: PostgreSQL then plans a statement once per connection instead
    of on every call (planning the confirmation costs more than executing it).
    Django's default cursor binds on the client, which cannot prepare; Django's wrapper around
    ours keeps query logging and capture. It also skips the per-request health check that
    ``connection.cursor()`` makes. (Behind a pooler, use pgbouncer >= 1.21, which supports
    protocol-level prepared statements.)
    """
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off for the whole connection; only server-binding
        # cursors (this one) can prepare, so turning it back on changes nothing else.
        connection.connection.prepare_threshold = 5
    return connection._prepare_cursor(_PreparingCursor(connection.connection))


def apply_payment_event(event: ProviderEvent) -> ApplyResult:
    with prepared_cursor() as cursor:
        cursor.execute(WIRE_SQL, params_for(event))
        new_event, action, donation_id, is_gift, has_contact, case_id = cursor.fetchone()
    if not new_event:
        return ApplyResult("duplicate")
    if action is None:
        return ApplyResult("unknown")
    return ApplyResult(action, donation_id, bool(is_gift), bool(has_contact), case_id)


def apply_recorded_events(events: list[ProviderEvent]) -> list[ApplyResult]:
    """The consumer's batch: the same statement for each event, already recorded by the webhook
    (so ``keyless``: the ``ev`` step inserts nothing and the attempt is locked as for an event
    without an id), sent in one pipeline inside the caller's transaction. Each statement sees the
    rows of the ones before it, so two events of one payment in a batch are decided in order."""
    params = []
    for event in events:
        values = params_for(event)
        values["keyless"] = True
        params.append(values)
    prepared_cursor().close()  # connected, and preparing on
    with _PreparingCursor(connection.connection) as cursor:
        cursor.executemany(WIRE_SQL, params, returning=True)
        results = []
        while True:
            _new, action, donation_id, is_gift, has_contact, case_id = cursor.fetchone()
            if action is None:
                results.append(ApplyResult("unknown"))
            else:
                results.append(
                    ApplyResult(action, donation_id, bool(is_gift), bool(has_contact), case_id)
                )
            if not cursor.nextset():
                break
    return results
