"""Money pages above the ledger: an organization's funds, disbursements and refunds (finance
staff), and each initiative's money in and out (public). Mounted at /ledger/ as ``finance:``."""
