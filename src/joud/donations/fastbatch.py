"""The consumer's batch as ONE set-based SQL statement (PostgreSQL).

``fastpath.SQL`` applies one event; applied one after the other, even pipelined, its cost is the
statement's execution (about a millisecond), not the round trips. Here the same steps run once
for a whole batch of events, each step over every row at once: lock the attempts and donations
(in id order, so that two consumers lock in the same order), decide (``outcomes.decide``, as in
``fastpath.SQL``'s ``dec``), update attempts and donations, post each confirmation's balanced
ledger transaction, its raised delta and its audit row (those steps are written once, in
``confirm_sql``, for both statements). The ledger accounts' ids are read once
per batch (``_lookups``), not once per line inside the statement.

One statement sees the rows as they were before it, so it may only hold events that do not
depend on each other: each event's attempt and donation appear once in it. ``apply_batch``
sends those; events of a payment that appears more than once in the batch (a failure then a
success, two attempts of one gift) go after it, one after the other, through ``fastpath.SQL``.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection
from django.utils import timezone

from joud.donations import fastpath
from joud.donations.confirm_sql import Source, steps
from joud.donations.outcomes import ApplyResult, held_payment_note
from joud.ledger.accounts import CLEARING_CODE, FEES_CODE
from joud.payments.base import ProviderEvent

HEAD = """
WITH ev AS (
    SELECT * FROM unnest(%(event_ids)s::text[], %(references)s::text[], %(amounts)s::numeric[],
        %(currencies)s::text[], %(fees)s::numeric[], %(outcomes)s::text[], %(notes)s::text[],
        %(amount_texts)s::text[], %(fee_texts)s::text[], %(clearing_ids)s::bigint[],
        %(admin_ids)s::bigint[])
        AS e(e_id, e_reference, e_amount, e_currency, e_fee, e_outcome, e_note, e_amount_text,
             e_fee_text, e_clearing, e_admin)
), att AS (
    SELECT a.id, a.reference, a.donation_id, a.organization_id, a.state, a.amount, a.currency,
           d.fund_account_id, d.admin_share_amount, d.is_gift, d.public_case_id,
           (d.donor_email <> '' OR d.donor_phone <> '') AS has_contact,
           d.confirmed_at IS NOT NULL AS paid
    FROM donations_paymentattempt a
    JOIN donations_donation d ON d.id = a.donation_id
    WHERE a.reference = ANY(%(references)s::text[])
    ORDER BY a.id
    FOR UPDATE OF a, d
), """
TAIL = """
SELECT dec.e_reference, dec.action, dec.donation_id, dec.is_gift, dec.has_contact,
       dec.public_case_id
FROM dec
"""
SOURCE = Source(
    dec_select="att.*, ev.*",
    dec_from="att JOIN ev ON ev.e_reference = att.reference",
    outcome="ev.e_outcome",
    matches="(att.amount = ev.e_amount AND att.currency = ev.e_currency) IS TRUE",
    fee="dec.e_fee",
    note="dec.e_note",
    txn_reference="dec.reference",
    txn_tail="ORDER BY dec.e_reference\n    RETURNING id, reference",
    txn_join="txn JOIN dec ON dec.reference = txn.reference",
    clearing="dec.e_clearing",
    admin="dec.e_admin",
    fees_account="%(fees_id)s::bigint",
    event_id="dec.e_id",
    amount_text="dec.e_amount_text",
    currency="dec.e_currency",
    fee_text="dec.e_fee_text",
)
SQL = HEAD + steps(SOURCE) + TAIL


def _params(events: list[ProviderEvent], accounts: dict[str, int], orgs: dict[str, int]) -> dict:
    clearing = [CLEARING_CODE.format(provider=e.provider) for e in events]
    return {
        "event_ids": [e.event_id for e in events],
        "references": [e.reference for e in events],
        "amounts": [e.amount for e in events],
        "currencies": [e.currency for e in events],
        "fees": [e.fee for e in events],
        "outcomes": [e.outcome for e in events],
        "notes": [held_payment_note(e) for e in events],
        "amount_texts": [str(e.amount) if e.amount is not None else None for e in events],
        "fee_texts": [str(e.fee) for e in events],
        "clearing_ids": [accounts.get(code) for code in clearing],
        "admin_ids": [accounts.get(_admin_code(orgs.get(e.reference))) for e in events],
        "fees_id": accounts.get(FEES_CODE),
        "now": timezone.now(),
    }


def _admin_code(organization_id: int | None) -> str:
    return f"org:{organization_id}:admin"


def _lookups(events: list[ProviderEvent]) -> tuple[list[bool], dict[str, int], dict[str, int]]:
    """For each event: is it the only one in the batch for its attempt and its donation? And
    the ids of the ledger accounts the batch posts to (by code), and each attempt's organization
    (two reads per batch, instead of three account look-ups per confirmation in the statement)."""
    references = Counter(e.reference for e in events)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reference, donation_id, organization_id FROM donations_paymentattempt"
            " WHERE reference = ANY(%s::text[])",
            [list(references)],
        )
        rows = cursor.fetchall()
        donation_of = {reference: donation for reference, donation, _org in rows}
        org_of = {reference: org for reference, _donation, org in rows}
        codes = {CLEARING_CODE.format(provider=e.provider) for e in events} | {FEES_CODE}
        codes |= {_admin_code(org) for org in set(org_of.values())}
        cursor.execute(
            "SELECT code, id FROM ledger_account WHERE code = ANY(%s::text[])", [sorted(codes)]
        )
        accounts = dict(cursor.fetchall())
    per_donation = Counter(donation_of[r] for r in references if r in donation_of)
    alone = [
        references[e.reference] == 1 and per_donation.get(donation_of.get(e.reference), 1) == 1
        for e in events
    ]
    return alone, accounts, org_of


def apply_batch(events: list[ProviderEvent]) -> list[ApplyResult]:
    """Apply ``events`` (already recorded, in arrival order) inside the caller's transaction;
    the results in the same order."""
    alone, accounts, orgs = _lookups(events)
    singles = [e for e, a in zip(events, alone, strict=True) if a]
    others = [e for e, a in zip(events, alone, strict=True) if not a]
    by_reference: dict[str, ApplyResult] = {}
    if singles:
        # Prepared: planning the statement costs about a tenth of executing it for a batch.
        with fastpath.prepared_cursor() as cursor:
            cursor.execute(SQL, _params(singles, accounts, orgs))
            for reference, action, donation_id, is_gift, has_contact, case_id in cursor:
                by_reference[reference] = ApplyResult(
                    action, donation_id, bool(is_gift), bool(has_contact), case_id
                )
    rest = iter(fastpath.apply_recorded_events(others) if others else [])
    return [
        by_reference.get(e.reference, ApplyResult("unknown")) if a else next(rest)
        for e, a in zip(events, alone, strict=True)
    ]
