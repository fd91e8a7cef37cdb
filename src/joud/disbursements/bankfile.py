"""The bank-transfer file: one line per approved payment, in the plain CSV a bank's bulk
transfer upload takes (fixed English headers, ISO dates, amounts with the currency's three
decimals, no thousands separators), every cell made safe for spreadsheet programs."""

from __future__ import annotations

import csv
import io

from joud.core.audit import audit_log
from joud.core.money import quantize
from joud.core.spreadsheet import safe_row
from joud.disbursements.selectors import bank_file_disbursements

HEADERS = ["value_date", "beneficiary_name", "beneficiary_iban", "amount", "currency", "reference"]


def bank_file_csv(disbursements) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for item in disbursements:
        writer.writerow(
            safe_row(
                [
                    item.planned_on.isoformat(),
                    item.payee_name,
                    item.bank_account,
                    f"{quantize(item.amount):.3f}",
                    "OMR",
                    item.reference,
                ]
            )
        )
    return out.getvalue()


def bank_file_export(*, organization, actor) -> str:
    """The organization's bank file now; who took it (payees' bank details) is audited."""
    items = list(bank_file_disbursements(organization))
    audit_log(
        action="joud.disbursement.bank_file_exported",
        actor=actor,
        organization=organization,
        data={"payments": [item.reference for item in items]},
    )
    return bank_file_csv(items)
