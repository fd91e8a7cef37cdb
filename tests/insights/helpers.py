"""Confirmed gifts written straight into the table (the rollups read only the rows), at chosen
local times, for the insights tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.ledger import accounts

MUSCAT = ZoneInfo("Asia/Muscat")


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=MUSCAT)


def gift(
    organization,
    *,
    when: dt.datetime,
    amount: str = "5",
    email: str = "",
    phone: str = "",
    name: str = "سالم",
    initiative=None,
    anonymous: bool = False,
    state: str = Donation.State.CONFIRMED,
) -> Donation:
    with scopes_disabled():
        fund = (
            accounts.initiative_account(initiative)
            if initiative is not None
            else accounts.general_account(organization)
        )
        donation = Donation.unscoped.create(
            organization=organization,
            target="initiative" if initiative is not None else "general",
            initiative=initiative,
            fund_account=fund,
            amount=Decimal(amount),
            donor_email=email,
            donor_phone=phone,
            donor_name=name,
            is_anonymous=anonymous,
            state=state,
            confirmed_at=when if state != Donation.State.PENDING else None,
        )
        Donation.unscoped.filter(pk=donation.pk).update(created_at=when)
    return donation


def agree_to_updates(*, email: str = "", phone: str = "", user=None):
    """The donor's consent to updates, as the giving form records it (the lists an association
    acts on rest on it)."""
    from joud.privacy.models import Consent, Purpose
    from joud.privacy.registry import DataSubject
    from joud.privacy.services.consent import consent_record

    return consent_record(
        subject=DataSubject(user=user, phone=phone, email=email),
        purpose=Purpose.UPDATES,
        method=Consent.Method.WEB,
    )
