"""What a gateway says it settled, in Joud's terms: the report every provider's settlement
parser returns (``providers/<gateway>/settlement.py``), and the helpers those parsers share.

Amounts are ``Decimal`` throughout; gateways' minor units go through ``from_minor_units``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

ZERO = Decimal("0.000")


class ReportError(ValueError):
    """A report file that cannot be read as the gateway's format."""


@dataclass(frozen=True)
class ReportPayment:
    reference: str  # our payment attempt reference (JD-7F3K2-P1)
    provider_reference: str
    amount: Decimal
    fee: Decimal | None = None  # None: the report does not say
    currency: str = "OMR"


@dataclass
class ProviderReport:
    provider: str
    day: dt.date
    payments: list[ReportPayment]
    # attempt reference -> refunded amount. ``refunds_scope``: "cumulative" (refunded to date),
    # "day" (refunds made that day only) or "none" (the report does not carry refunds).
    refunds: dict[str, Decimal] = field(default_factory=dict)
    refunds_scope: str = "none"
    source: str = ""


def report_amount(value: str, what: str) -> Decimal:
    """An amount written in major units ("1,234.500"); ``ReportError`` if it is not one."""
    try:
        return Decimal((value or "0").strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ReportError(f"not an amount in {what}: {value!r}") from exc


def local_day(moment: dt.datetime) -> dt.date:
    """The day in ``TIME_ZONE`` (Asia/Muscat) of a gateway's timestamp (naive means UTC)."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return timezone.localtime(moment).date()


def parse_time(value: str) -> dt.datetime | None:
    """A gateway's timestamp: Unix seconds or ISO 8601; None when empty."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    # Thawani writes 7 fractional digits ("…03.5012348Z"): keep microseconds.
    value = re.sub(r"(\.\d{6})\d+", r"\1", value.replace("Z", "+00:00"))
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ReportError(f"not a time: {value!r}") from exc
