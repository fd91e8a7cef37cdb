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
from django.utils.translation import get_language, gettext, pgettext_lazy

from joud.core.audit_display.objects import field_choices, model_of
from joud.core.money import format_number
from joud.core.tenancy import scopes_disabled

LABELS = {
    "from": pgettext_lazy("audit field", "State before"),
    "to": pgettext_lazy("audit field", "State after"),
    "reason": pgettext_lazy("audit field", "Reason"),
    "note": pgettext_lazy("audit field", "Note"),
    "amount": pgettext_lazy("audit field", "Amount"),
    "raised": pgettext_lazy("audit field", "Raised"),
    "refunded": pgettext_lazy("audit field", "Refunded"),
    "fee": pgettext_lazy("audit field", "Gateway fee"),
    "total": pgettext_lazy("audit field", "Total"),
    "goal": pgettext_lazy("audit field", "Goal"),
    "reference": pgettext_lazy("audit field", "Reference"),
    "code": pgettext_lazy("audit field", "Code"),
    "number": pgettext_lazy("audit field", "Number"),
    "kind": pgettext_lazy("audit field", "Kind"),
    "status": pgettext_lazy("audit field", "Status"),
    "state": pgettext_lazy("audit field", "State"),
    "category": pgettext_lazy("audit field", "Category"),
    "title": pgettext_lazy("audit field", "Title"),
    "name": pgettext_lazy("audit field", "Name"),
    "account": pgettext_lazy("audit field", "Fund"),
    "fund": pgettext_lazy("audit field", "Fund"),
    "source": pgettext_lazy("audit field", "Source"),
    "target": pgettext_lazy("audit field", "Given to"),
    "purpose": pgettext_lazy("audit field", "Purpose"),
    "provider": pgettext_lazy("audit field", "Payment gateway"),
    "channel": pgettext_lazy("audit field", "Channel"),
    "frequency": pgettext_lazy("audit field", "Frequency"),
    "score": pgettext_lazy("audit field", "Match score"),
    "day": pgettext_lazy("audit field", "Day"),
    "due": pgettext_lazy("audit field", "Due"),
    "at": pgettext_lazy("audit field", "At"),
    "starts_at": pgettext_lazy("audit field", "Starts"),
    "year": pgettext_lazy("audit field", "Year"),
    "quarter": pgettext_lazy("audit field", "Quarter"),
    "days": pgettext_lazy("audit field", "Days"),
    "minutes": pgettext_lazy("audit field", "Minutes"),
    "count": pgettext_lazy("audit field", "Count"),
    "rows": pgettext_lazy("audit field", "Rows"),
    "cases": pgettext_lazy("audit field", "Cases"),
    "payments": pgettext_lazy("audit field", "Payments"),
    "organizations": pgettext_lazy("audit field", "Organizations"),
    "recipients": pgettext_lazy("audit field", "Recipients"),
    "moved": pgettext_lazy("audit field", "Moved"),
    "missing": pgettext_lazy("audit field", "Missing"),
    "skipped": pgettext_lazy("audit field", "Skipped"),
    "claimed": pgettext_lazy("audit field", "Claimed"),
    "failures": pgettext_lazy("audit field", "Failures"),
    "warnings": pgettext_lazy("audit field", "Warnings"),
    "approved": pgettext_lazy("audit field", "Approved"),
    "promoted": pgettext_lazy("audit field", "Promoted from the waiting list"),
    "capacity": pgettext_lazy("audit field", "Seats"),
    "shift": pgettext_lazy("audit field", "Shift"),
    "wilayat": pgettext_lazy("audit field", "Wilayat"),
    "visibility": pgettext_lazy("audit field", "Visibility"),
    "zakat_eligible": pgettext_lazy("audit field", "Zakat-eligible"),
    "eligible": pgettext_lazy("audit field", "Eligible"),
    "public": pgettext_lazy("audit field", "Public"),
    "outcome": pgettext_lazy("audit field", "Outcome"),
    "upheld": pgettext_lazy("audit field", "Upheld"),
    "relation": pgettext_lazy("audit field", "Relation"),
    "minor": pgettext_lazy("audit field", "Minor"),
    "scopes": pgettext_lazy("audit field", "Permissions"),
    "url": pgettext_lazy("audit field", "Address"),
    "fields": pgettext_lazy("audit field", "Fields"),
    "message": pgettext_lazy("audit field", "Message"),
    "audience": pgettext_lazy("audit field", "Audience"),
    "asked": pgettext_lazy("audit field", "Asked"),
    "again": pgettext_lazy("audit field", "Again"),
    "recorded": pgettext_lazy("audit field", "Recorded"),
    "existing": pgettext_lazy("audit field", "Already there"),
    "first": pgettext_lazy("audit field", "First"),
    "was": pgettext_lazy("audit field", "Before"),
    "person": pgettext_lazy("audit field", "Person"),
    "case": pgettext_lazy("audit field", "Case"),
    "donation": pgettext_lazy("audit field", "Donation"),
    "initiative": pgettext_lazy("audit field", "Initiative"),
    "org": pgettext_lazy("audit field", "Organization"),
    "update": pgettext_lazy("audit field", "Update"),
    "photo": pgettext_lazy("audit field", "Photo"),
    "files": pgettext_lazy("audit field", "Files"),
    "evidence": pgettext_lazy("audit field", "Evidence"),
    "decisions": pgettext_lazy("audit field", "Decisions"),
    "actions": pgettext_lazy("audit field", "Actions"),
    "grants": pgettext_lazy("audit field", "Grants"),
    "delivery": pgettext_lazy("audit field", "Delivery"),
    "created": pgettext_lazy("audit field", "Created"),
    "by": pgettext_lazy("audit field", "By"),
    "submission": pgettext_lazy("audit field", "Submission"),
    "slot": pgettext_lazy("audit field", "Time slot"),
    "threshold": pgettext_lazy("audit field", "Threshold"),
    "people": pgettext_lazy("audit field", "People reached"),
    "families": pgettext_lazy("audit field", "Families reached"),
    "photos": pgettext_lazy("audit field", "Photos"),
    "report": pgettext_lazy("audit field", "Report"),
    "block": pgettext_lazy("audit field", "Working days before new initiatives stop"),
    "currency": pgettext_lazy("audit field", "Currency"),
    "payee_kind": pgettext_lazy("audit field", "Paid to"),
}
_ORDER = {key: n for n, key in enumerate(LABELS)}
MONEY_KEYS = {"amount", "raised", "refunded", "fee", "total", "goal"}
ACCOUNT_KEYS = {"account", "fund", "source", "target"}
# Machine data with nothing for a reader (the demo's marker, internal and gateway ids) or that
# would name a beneficiary (a person's row).
# A duplicate's score and threshold are log-odds: its own page states them out of 100.
HIDDEN_KEYS = {"demo", "id", "pk", "event", "person", "score", "threshold"}
# Keys whose values are ids of things people know by name.
KEY_MODELS = {
    "initiative": ("campaigns.initiative", ("title",)),
    "case": ("beneficiaries.case", ("reference",)),
    "org": ("organizations.organization", ("name",)),
    "organization": ("organizations.organization", ("name",)),
}
# Keys whose values are another model's choices, whatever the entry is about.
KEY_CHOICES = {
    "purpose": ("disbursements.disbursement", "purpose"),
    "payee_kind": ("disbursements.disbursement", "payee_kind"),
    "category": ("campaigns.initiative", "category"),
    "target": ("donations.donation", "target"),
    "relation": ("beneficiaries.person", "relation"),
}
# Small fixed vocabularies of the platform's own words.
VALUES = {
    "source": {
        "webhook": pgettext_lazy("audit value", "the gateway's notice"),
        "return": pgettext_lazy("audit value", "the donor's return from the gateway"),
        "poll": pgettext_lazy("audit value", "the platform's check with the gateway"),
    },
    "currency": {"OMR": pgettext_lazy("audit value", "Omani rial")},
    "provider": {
        "sandbox": pgettext_lazy("audit value", "the test gateway"),
        "thawani": pgettext_lazy("audit value", "Thawani"),
        "stripe": pgettext_lazy("audit value", "Stripe"),
    },
}
_QUARTER = re.compile(r"^(?P<year>\d{4})-Q(?P<q>[1-4])$")
QUARTERS = {
    "1": pgettext_lazy("audit value", "first quarter of %(year)s"),
    "2": pgettext_lazy("audit value", "second quarter of %(year)s"),
    "3": pgettext_lazy("audit value", "third quarter of %(year)s"),
    "4": pgettext_lazy("audit value", "fourth quarter of %(year)s"),
}
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


def _name_of(key: str, pk: int) -> str:
    label, paths = KEY_MODELS[key]
    model = model_of(label)
    if model is None:
        return ""
    with scopes_disabled():
        obj = model._default_manager.filter(pk=pk).first()
    for path in paths:
        value = getattr(obj, path, None) if obj is not None else None
        if value:
            return str(value)
    return ""


def _typed(key: str, value: Any, choices: dict[str, str]) -> tuple[str, Any]:
    if isinstance(value, bool):
        return "yes_no", value
    if key in KEY_MODELS and isinstance(value, int):
        name = _name_of(key, value)
        if name:
            return "text", name
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
    if text in VALUES.get(key, {}):
        return "text", str(VALUES[key][text])
    quarter = _QUARTER.match(text) if key == "quarter" else None
    if quarter:
        year = format_number(int(quarter["year"]), grouping=False)
        return "text", str(QUARTERS[quarter["q"]]) % {"year": year}
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
        # The entry's own model knows its fields best (a case's category is not an
        # initiative's); a key it lacks may still name another model's choices.
        choices = field_choices(object_type, field) if object_type else {}
        if not choices and key in KEY_CHOICES:
            choices = field_choices(*KEY_CHOICES[key])
        kind, shown = _typed(key, value, choices)
        rows.append(Change(label=label, type=kind, value=shown))
