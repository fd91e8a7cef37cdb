"""The consumer's batch as ONE set-based SQL statement (PostgreSQL).

``fastpath.SQL`` applies one event; applied one after the other, even pipelined, its cost is the
statement's execution (about a millisecond), not the round trips. Here the same steps run once
for a whole batch of events, each step over every row at once: lock the attempts and donations
(in id order, so that two consumers lock in the same order), decide (``outcomes.decide``, as in
``fastpath.SQL``'s ``dec``), update attempts and donations, post each confirmation's balanced
ledger transaction, its raised delta and its audit row. The ledger accounts' ids are read once
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
from joud.donations.outcomes import ApplyResult, held_payment_note
from joud.ledger.accounts import CLEARING_CODE, FEES_CODE
from joud.payments.base import ProviderEvent

SQL = """
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
), dec AS (
    SELECT att.*, ev.*, CASE
        WHEN att.state IN ('confirmed', 'held_for_review') THEN 'noop'
        WHEN ev.e_outcome = 'succeeded'
             AND (att.amount = ev.e_amount AND att.currency = ev.e_currency) IS TRUE
             AND NOT att.paid THEN 'confirm'
        WHEN ev.e_outcome = 'succeeded' THEN 'hold'
        WHEN ev.e_outcome = 'failed' AND att.state IN ('created', 'pending') THEN 'fail'
        WHEN ev.e_outcome = 'pending' AND att.state = 'created' THEN 'pend'
        ELSE 'noop' END AS action
    FROM att JOIN ev ON ev.e_reference = att.reference
), upd_attempt AS (
    UPDATE donations_paymentattempt a SET
        state = CASE dec.action WHEN 'confirm' THEN 'confirmed' WHEN 'hold' THEN 'held_for_review'
                                WHEN 'fail' THEN 'failed' ELSE 'pending' END,
        fee = CASE WHEN dec.action = 'confirm' THEN dec.e_fee ELSE a.fee END,
        confirmed_at = CASE WHEN dec.action = 'confirm' THEN %(now)s ELSE a.confirmed_at END,
        review_note = CASE WHEN dec.action = 'hold' THEN dec.e_note ELSE a.review_note END,
        updated_at = %(now)s
    FROM dec WHERE a.id = dec.id AND dec.action <> 'noop'
    RETURNING a.id
), upd_donation AS (
    UPDATE donations_donation d SET
        state = CASE dec.action WHEN 'confirm' THEN 'confirmed' WHEN 'hold' THEN 'held_for_review'
                                ELSE 'failed' END,
        confirmed_at = CASE WHEN dec.action = 'confirm' THEN %(now)s ELSE d.confirmed_at END,
        updated_at = %(now)s
    FROM dec
    WHERE d.id = dec.donation_id AND (
        (dec.action = 'confirm' AND d.state IN ('pending', 'failed', 'held_for_review'))
        OR (dec.action = 'hold' AND d.state IN ('pending', 'failed'))
        OR (dec.action = 'fail' AND d.state = 'pending'))
    RETURNING d.id
), txn AS (
    INSERT INTO ledger_transaction
        (kind, organization_id, reference, memo, created_at, prev_hash, hash)
    SELECT 'donation', dec.organization_id, dec.reference, '', %(now)s, '', ''
    FROM dec WHERE dec.action = 'confirm' ORDER BY dec.e_reference
    RETURNING id, reference
), entries AS (
    INSERT INTO ledger_entry (transaction_id, account_id, kind, debit, credit)
    SELECT txn.id, line.account_id, line.kind, line.debit, line.credit
    FROM txn JOIN dec ON dec.reference = txn.reference CROSS JOIN LATERAL (VALUES
        (dec.e_clearing, 'gross', dec.amount, 0::numeric),
        (dec.fund_account_id, 'gross', 0::numeric, dec.amount),
        (dec.fund_account_id, 'admin_share', dec.admin_share_amount, 0::numeric),
        (dec.e_admin, 'admin_share', 0::numeric, dec.admin_share_amount),
        (dec.fund_account_id, 'gateway_fee', dec.e_fee, 0::numeric),
        (%(fees_id)s::bigint, 'gateway_fee', 0::numeric, dec.e_fee)
    ) AS line (account_id, kind, debit, credit)
    WHERE line.debit + line.credit > 0
), delta AS (
    INSERT INTO ledger_raiseddelta (account_id, raised, donations)
    SELECT dec.fund_account_id, dec.amount, 1 FROM dec JOIN txn ON txn.reference = dec.reference
), audit AS (
    INSERT INTO core_auditlogentry
        (action, organization_id, object_type, object_id, data, created_at)
    SELECT 'joud.payment.' || CASE dec.action WHEN 'confirm' THEN 'confirmed'
                WHEN 'hold' THEN 'held_for_review' WHEN 'fail' THEN 'failed' ELSE 'pending' END,
           dec.organization_id, 'donations.paymentattempt', dec.id::text,
           jsonb_build_object('source', 'webhook', 'event', dec.e_id,
                              'amount', dec.e_amount_text, 'currency', dec.e_currency,
                              'fee', dec.e_fee_text),
           %(now)s
    FROM dec WHERE dec.action <> 'noop'
)
SELECT dec.e_reference, dec.action, dec.donation_id, dec.is_gift, dec.has_contact,
       dec.public_case_id
FROM dec
"""


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
