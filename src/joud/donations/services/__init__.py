"""Giving's writes: starting a gift, applying what gateways report, refunds, cases' funds.

- ``giving``: the donation and its payment attempts at the gateway;
- ``confirmation``: gateway events and the return page's check, applied exactly once;
- ``refunds``: refunds and chargebacks, reversed in the ledger;
- ``cases``: gifts to verified cases (still open? add the paid gift to the case once);
- ``provider_events``: each gateway event recorded once (the webhook accepts it);
- ``applying``: the consumer that applies accepted events in batches.
"""

from joud.donations.outcomes import ApplyResult, decide, held_payment_note
from joud.donations.services.applying import Drained, accepted_events_apply
from joud.donations.services.cases import (
    case_amount_left,
    case_is_open,
    donation_case_funds_add,
)
from joud.donations.services.confirmation import (
    donation_payment_check,
    payment_attempt_poll,
    payment_event_apply,
    use_fastpath,
)
from joud.donations.services.giving import (
    admin_share_for,
    donation_create,
    minimum_amount,
    payment_attempt_start,
)
from joud.donations.services.provider_events import payment_event_accept, record_event
from joud.donations.services.refunds import chargeback_record, donation_refund

__all__ = [
    "ApplyResult",
    "Drained",
    "accepted_events_apply",
    "admin_share_for",
    "case_amount_left",
    "case_is_open",
    "chargeback_record",
    "decide",
    "donation_case_funds_add",
    "donation_create",
    "donation_payment_check",
    "donation_refund",
    "held_payment_note",
    "minimum_amount",
    "payment_attempt_poll",
    "payment_attempt_start",
    "payment_event_accept",
    "payment_event_apply",
    "record_event",
    "use_fastpath",
]
