"""Donors' offline gifts from a list: cash an association received at its office, transfers to
its own bank account. Each row becomes a confirmed gift of its own channel through
``donations.services.offline`` (the same checks as a gift online, the ledger posting from the
organization's own bank, never a gateway's) with its receipt numbered at once; undo cancels each
gift with an opposite posting and a cancellation receipt (receipt numbers never have gaps)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone
from joud.campaigns.models import Initiative
from joud.core.errors import BusinessError
from joud.core.money import parse_amount
from joud.donations.models import Donation
from joud.donations.services.offline import offline_gift_cancel, offline_gift_record
from joud.organizations.models import Membership
from joud.receipts.services import receipt_for_donation, receipt_for_refund

COLUMNS = ("donor_name", "amount", "received_on", "channel", "target", "anonymous")
OPTIONAL = ("phone", "email", "slip")
ROLES = (Membership.Role.ADMIN, Membership.Role.FINANCE)
YES = {"yes", "y", "1", "true", "نعم"}
NO = {"", "no", "n", "0", "false", "لا"}
CHANNELS = {
    "cash": Donation.Channel.CASH,
    "نقد": Donation.Channel.CASH,
    "نقدا": Donation.Channel.CASH,
    "نقدًا": Donation.Channel.CASH,
    "نقداً": Donation.Channel.CASH,
    "bank_transfer": Donation.Channel.BANK_TRANSFER,
    "bank transfer": Donation.Channel.BANK_TRANSFER,
    "transfer": Donation.Channel.BANK_TRANSFER,
    "تحويل": Donation.Channel.BANK_TRANSFER,
    "تحويل بنكي": Donation.Channel.BANK_TRANSFER,
}
FUNDS = {
    "general": Donation.Target.GENERAL,
    "عام": Donation.Target.GENERAL,
    "الصندوق العام": Donation.Target.GENERAL,
    "zakat": Donation.Target.ZAKAT,
    "زكاة": Donation.Target.ZAKAT,
    "الزكاة": Donation.Target.ZAKAT,
}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _day(value: str, field: str = "received_on") -> dt.date:
    """YYYY-MM-DD (an Excel date cell reads "2026-11-03 00:00:00": its day is taken)."""
    text = value.translate(_DIGITS).strip()
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?", text)
    try:
        if found is None:
            raise ValueError
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError as exc:
        raise BusinessError(
            _("Write the date as YYYY-MM-DD, for example 2026-03-04."), field=field
        ) from exc


def _amount(value: str):
    try:
        return parse_amount(value)
    except ValidationError as exc:
        raise BusinessError(exc.messages[0], field="amount") from exc


def _target(value: str, organization, memo: dict) -> tuple[str, Initiative | None]:
    text = value.strip()
    if text.lower() in FUNDS:
        return FUNDS[text.lower()], None
    initiatives = memo.setdefault("initiatives", {})
    code = text.upper()[:12]
    if code not in initiatives:
        initiatives[code] = Initiative.objects.filter(
            organization=organization, public_code=code
        ).first()
    if initiatives[code] is None:
        raise BusinessError(
            _("Unknown target: an initiative's code, general or zakat."), field="target"
        )
    return Donation.Target.INITIATIVE, initiatives[code]


def apply_row(organization, actor, row: dict, memo: dict) -> Donation:
    channel = CHANNELS.get(row["channel"].strip().lower())
    if channel is None:
        raise BusinessError(_("The channel is cash or bank transfer."), field="channel")
    anonymous = row["anonymous"].strip().lower()
    if anonymous not in YES | NO:
        raise BusinessError(_("Anonymous is yes or no."), field="anonymous")
    name = row["donor_name"].strip()
    if not name and anonymous not in YES:
        raise BusinessError(
            _("Give the donor's name, or write yes under anonymous."), field="donor_name"
        )
    if len(name) > 150 or len(row["phone"]) > 16 or len(row["email"]) > 254:
        raise BusinessError(_("A name, phone or email in this row is too long."))
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError as exc:
            raise BusinessError(_("The email address is not valid."), field="email") from exc
    phone = ""
    if row["phone"].strip():
        try:  # stored as +968…, as every other path stores it
            phone = normalize_omani_phone(row["phone"])
        except ValidationError as exc:
            raise BusinessError(exc.messages[0], field="phone") from exc
    target, initiative = _target(row["target"], organization, memo)
    donation = offline_gift_record(
        organization=organization,
        actor=actor,
        channel=channel,
        amount=_amount(row["amount"]),
        received_on=_day(row["received_on"]),
        target=target,
        initiative=initiative,
        donor_name=name,
        donor_phone=phone,
        donor_email=row["email"],
        is_anonymous=anonymous in YES,
        slip=row["slip"],
    )
    receipt_for_donation(donation=donation)
    return donation


def undo(batch, actor) -> None:
    """Each gift cancelled (an opposite posting, a cancellation receipt); refused, with nothing
    changed, if any fund has spent its gift."""
    for donation in Donation.objects.filter(pk__in=batch.created_ids).order_by("pk"):
        refund = offline_gift_cancel(
            donation=donation, actor=actor, reason=f"import {batch.pk} undone"
        )
        receipt_for_refund(refund=refund)
