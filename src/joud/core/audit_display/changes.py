"""An audit entry's data as a small table a person reads: a label per field, each value typed
(money, number, date, moment, text) so the page formats it with the one formatting module.

Never a Python dictionary, an internal code or an ISO timestamp: states and kinds read as their
labels, ledger accounts as their fund's name, nested data as more rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from joud.core.audit_display.objects import field_choices, model_of
from joud.core.tenancy import scopes_disabled

LABELS = {
    "from": _("State before"),
    "to": _("State after"),
    "reason": _("Reason"),
    "note": _("Note"),
    "amount": _("Amount"),
    "raised": _("Raised"),
    "refunded": _("Refunded"),
    "fee": _("Gateway fee"),
    "total": _("Total"),
    "goal": _("Goal"),
    "reference": _("Reference"),
    "code": _("Code"),
    "number": _("Number"),
    "kind": _("Kind"),
    "status": _("Status"),
    "state": _("State"),
    "category": _("Category"),
    "title": _("Title"),
    "name": _("Name"),
    "account": _("Fund"),
    "fund": _("Fund"),
    "source": _("From fund"),
    "target": _("To fund"),
    "purpose": _("Purpose"),
    "provider": _("Payment gateway"),
    "channel": _("Channel"),
    "frequency": _("Frequency"),
    "score": _("Match score"),
    "day": _("Day"),
    "due": _("Due"),
    "at": _("At"),
    "starts_at": _("Starts"),
    "year": _("Year"),
    "quarter": _("Quarter"),
    "days": _("Days"),
    "minutes": _("Minutes"),
    "count": _("Count"),
    "rows": _("Rows"),
    "cases": _("Cases"),
    "payments": _("Payments"),
    "organizations": _("Organizations"),
    "recipients": _("Recipients"),
    "moved": _("Moved"),
    "missing": _("Missing"),
    "skipped": _("Skipped"),
    "claimed": _("Claimed"),
    "failures": _("Failures"),
    "warnings": _("Warnings"),
    "approved": _("Approved"),
    "promoted": _("Promoted from the waiting list"),
    "capacity": _("Seats"),
    "shift": _("Shift"),
    "wilayat": _("Wilayat"),
    "visibility": _("Visibility"),
    "zakat_eligible": _("Zakat-eligible"),
    "eligible": _("Eligible"),
    "public": _("Public"),
    "outcome": _("Outcome"),
    "upheld": _("Upheld"),
    "relation": _("Relation"),
    "minor": _("Minor"),
    "scopes": _("Permissions"),
    "url": _("Address"),
    "fields": _("Fields"),
    "message": _("Message"),
    "audience": _("Audience"),
    "asked": _("Asked"),
    "again": _("Again"),
    "recorded": _("Recorded"),
    "existing": _("Already there"),
    "first": _("First"),
    "was": _("Before"),
    "person": _("Person"),
    "case": _("Case"),
    "donation": _("Donation"),
    "initiative": _("Initiative"),
    "org": _("Organization"),
    "update": _("Update"),
    "photo": _("Photo"),
    "files": _("Files"),
    "evidence": _("Evidence"),
    "decisions": _("Decisions"),
    "actions": _("Actions"),
    "grants": _("Grants"),
    "delivery": _("Delivery"),
    "created": _("Created"),
    "by": _("By"),
    "submission": _("Submission"),
    "slot": _("Time slot"),
    "threshold": _("Threshold"),
}
_ORDER = {key: n for n, key in enumerate(LABELS)}
MONEY_KEYS = {"amount", "raised", "refunded", "fee", "total", "goal"}
ACCOUNT_KEYS = {"account", "fund", "source", "target"}
# Machine data with nothing for a reader (the demo's marker, an internal id).
HIDDEN_KEYS = {"demo", "id", "pk"}
_ACCOUNT = re.compile(
    r"^(org:\d+:(?P<kind>[a-z_]+)|(?P<owner>initiative|case):(?P<id>\d+)"
    r"|platform:(?P<platform>[a-z_]+)(:(?P<provider>[a-z_]+))?)$"
)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Change:
    """One row: ``label`` and a ``value`` of a ``type`` (money, number, date, moment, yes_no,
    text) the page formats."""

    label: str
    type: str
    value: Any


def _label(key: str) -> str:
    label = LABELS.get(key)
    if label is not None:
        return str(label)
    if (get_language() or "ar").startswith("en"):
        return key.replace("_", " ").capitalize()
    return gettext("Other detail")


def account_label(code: str) -> str | None:
    """A ledger account code ("org:1:admin", "initiative:7") -> its fund's name, else None."""
    match = _ACCOUNT.match(code)
    if match is None:
        return None
    kinds = field_choices("ledger.account", "kind")
    if match["kind"]:
        return kinds.get(match["kind"], gettext("Fund"))
    if match["owner"] == "initiative":
        label = kinds.get("initiative", gettext("Fund"))
        model = model_of("campaigns.initiative")
        if model is not None:
            with scopes_disabled():
                item = model._default_manager.filter(pk=int(match["id"])).first()
            if item is not None:
                return f"{label}: {item.title}"
        return label
    if match["owner"] == "case":
        return kinds.get("case", gettext("Fund"))
    label = kinds.get("fees" if match["platform"] == "fees" else "clearing", gettext("Fund"))
    return f"{label} ({match['provider']})" if match["provider"] else label


def _typed(key: str, value: Any, choices: dict[str, str]) -> tuple[str, Any]:
    if isinstance(value, bool):
        return "yes_no", value
    if isinstance(value, (int, float, Decimal)):
        return ("money" if key in MONEY_KEYS else "number"), value
    if isinstance(value, list):
        parts = [str(_typed(key, v, choices)[1]) for v in value if not isinstance(v, (dict, list))]
        if len(parts) != len(value):
            return "number", len(value)  # a list of records: how many
        comma = ", " if (get_language() or "ar").startswith("en") else "، "
        return "text", comma.join(parts)
    if not isinstance(value, str):
        return "text", str(value)
    text = value.strip()
    if text in choices:
        return "text", choices[text]
    if key in ACCOUNT_KEYS or _ACCOUNT.match(text):
        label = account_label(text)
        if label is not None:
            return "text", label
    if _NUMBER.match(text):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return "text", text
        return ("money" if key in MONEY_KEYS else "number"), number
    moment = parse_datetime(text) if "T" in text or " " in text[:11] else None
    if isinstance(moment, dt.datetime):
        return "moment", moment
    day = parse_date(text) if len(text) == 10 else None
    if isinstance(day, dt.date):
        return "date", day
    return "text", text


def changes(data: dict, *, object_type: str = "") -> list[Change]:
    """The rows of an entry's ``data``, in its order; ``from``/``to`` and fields with choices of
    the entry's model read as their labels. Empty values are left out."""
    rows: list[Change] = []
    _rows(rows, data if isinstance(data, dict) else {}, object_type, prefix="")
    return rows


def _rows(rows: list[Change], data: dict, object_type: str, *, prefix: str) -> None:
    # PostgreSQL's jsonb keeps no key order: the table's order is the labels' (states first).
    for key in sorted(data, key=lambda k: (_ORDER.get(k, len(_ORDER)), k)):
        value = data[key]
        if key in HIDDEN_KEYS or value in (None, "", [], {}):
            continue
        label = f"{prefix}{_label(key)}"
        if isinstance(value, dict):
            _rows(rows, value, object_type, prefix=f"{label}: ")
            continue
        field = key
        if key in ("from", "to"):
            field = "state" if field_choices(object_type, "state") else "status"
        choices = field_choices(object_type, field) if object_type else {}
        kind, shown = _typed(key, value, choices)
        rows.append(Change(label=label, type=kind, value=shown))
