"""Writing to the ledger: posting (always balanced), spending within a fund's restrictions,
reversals (refunds, chargebacks) that never overdraw a restricted fund, sealing the hash chain,
and folding the raised totals."""

from joud.ledger.selectors import account_balance
from joud.ledger.services.folding import ledger_fold
from joud.ledger.services.posting import (
    ZERO,
    DonationPosting,
    Line,
    donation_lines,
    ledger_post_donation,
    ledger_post_donations,
    post_lines,
)
from joud.ledger.services.reversals import (
    Cover,
    ledger_check_reversal,
    ledger_post_reversal,
    reversal_cover,
)
from joud.ledger.services.sealing import (
    ENTRY_FIELDS,
    GENESIS_HASH,
    TXN_FIELDS,
    canonical_content,
    chain_hash,
    entries_by_transaction,
    ledger_seal,
)
from joud.ledger.services.spending import (
    ZAKAT_ELIGIBLE_PURPOSES,
    Purpose,
    ledger_deposit,
    ledger_disburse,
    ledger_receive_return,
    ledger_transfer,
)

__all__ = [
    "ENTRY_FIELDS",
    "GENESIS_HASH",
    "TXN_FIELDS",
    "ZAKAT_ELIGIBLE_PURPOSES",
    "ZERO",
    "Cover",
    "DonationPosting",
    "Line",
    "Purpose",
    "account_balance",
    "canonical_content",
    "chain_hash",
    "donation_lines",
    "entries_by_transaction",
    "ledger_check_reversal",
    "ledger_deposit",
    "ledger_disburse",
    "ledger_fold",
    "ledger_post_donation",
    "ledger_post_donations",
    "ledger_post_reversal",
    "ledger_receive_return",
    "ledger_seal",
    "ledger_transfer",
    "post_lines",
    "reversal_cover",
]
