"""The steps after the lock, written once for both SQL paths of a confirmation (PostgreSQL).

``fastpath.SQL`` applies one event (its values are statement parameters); ``fastbatch.SQL``
applies a batch (its values are columns of the unnested ``ev`` rows). From the decision on, the
two do the same thing: ``dec``, the decision of ``outcomes.decide``; then the attempt and the
donation updated, the balanced ledger transaction (the lines of
``ledger.services.donation_lines``), one raised-delta row and one audit row. ``steps`` writes
those common expressions once; each path names where its values come from (``Source``).
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template


@dataclass(frozen=True)
class Source:
    """Where one path's values come from, as SQL expressions."""

    dec_select: str  # the columns the decision carries
    dec_from: str  # the rows it is made on
    outcome: str
    matches: str  # the gateway's amount and currency equal the attempt's
    fee: str
    note: str
    txn_reference: str
    txn_tail: str  # the transaction insert's ORDER BY / RETURNING
    txn_join: str  # how a ledger transaction finds its decision
    clearing: str
    admin: str
    fees_account: str
    event_id: str
    amount_text: str
    currency: str
    fee_text: str


STEPS = Template("""dec AS (
    SELECT $dec_select, CASE
        WHEN att.state IN ('confirmed', 'held_for_review') THEN 'noop'
        WHEN $outcome = 'succeeded' AND $matches AND NOT att.paid THEN 'confirm'
        WHEN $outcome = 'succeeded' THEN 'hold'
        WHEN $outcome = 'failed' AND att.state IN ('created', 'pending') THEN 'fail'
        WHEN $outcome = 'pending' AND att.state = 'created' THEN 'pend'
        ELSE 'noop' END AS action
    FROM $dec_from
), upd_attempt AS (
    UPDATE donations_paymentattempt a SET
        state = CASE dec.action WHEN 'confirm' THEN 'confirmed' WHEN 'hold' THEN 'held_for_review'
                                WHEN 'fail' THEN 'failed' ELSE 'pending' END,
        fee = CASE WHEN dec.action = 'confirm' THEN $fee ELSE a.fee END,
        confirmed_at = CASE WHEN dec.action = 'confirm' THEN %(now)s ELSE a.confirmed_at END,
        review_note = CASE WHEN dec.action = 'hold' THEN $note ELSE a.review_note END,
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
    SELECT 'donation', dec.organization_id, $txn_reference, '', %(now)s, '', ''
    FROM dec WHERE dec.action = 'confirm' $txn_tail
), entries AS (
    INSERT INTO ledger_entry (transaction_id, account_id, kind, debit, credit)
    SELECT txn.id, line.account_id, line.kind, line.debit, line.credit
    FROM $txn_join CROSS JOIN LATERAL (VALUES
        ($clearing, 'gross', dec.amount, 0::numeric),
        (dec.fund_account_id, 'gross', 0::numeric, dec.amount),
        (dec.fund_account_id, 'admin_share', dec.admin_share_amount, 0::numeric),
        ($admin, 'admin_share', 0::numeric, dec.admin_share_amount),
        (dec.fund_account_id, 'gateway_fee', $fee, 0::numeric),
        ($fees_account, 'gateway_fee', 0::numeric, $fee)
    ) AS line (account_id, kind, debit, credit)
    WHERE line.debit + line.credit > 0
), delta AS (
    INSERT INTO ledger_raiseddelta (account_id, raised, donations)
    SELECT dec.fund_account_id, dec.amount, 1 FROM $txn_join
), audit AS (
    INSERT INTO core_auditlogentry
        (action, organization_id, object_type, object_id, data, created_at)
    SELECT 'joud.payment.' || CASE dec.action WHEN 'confirm' THEN 'confirmed'
                WHEN 'hold' THEN 'held_for_review' WHEN 'fail' THEN 'failed' ELSE 'pending' END,
           dec.organization_id, 'donations.paymentattempt', dec.id::text,
           jsonb_build_object('source', 'webhook', 'event', $event_id,
                              'amount', $amount_text, 'currency', $currency,
                              'fee', $fee_text),
           %(now)s
    FROM dec WHERE dec.action <> 'noop'
)""")


def steps(source: Source) -> str:
    """The common steps, from ``dec`` to ``audit``, with ``source``'s expressions in place."""
    return STEPS.substitute(vars(source))
