"""Background work for donations: the gift card to the person a gift was given for."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic


@task
def send_gift_card(donation_id: int) -> bool:
    from joud.donations.messages import gift_card_send

    return gift_card_send(donation_id=donation_id)


@task
def send_thank_you(donation_id: int) -> bool:
    from joud.donations.messages import thank_you_send

    return thank_you_send(donation_id=donation_id)


@periodic(every=dt.timedelta(minutes=10), name="donations.recurring_charge_due")
@task
def charge_recurring() -> int:
    from joud.donations.recurring import recurring_charge_due

    return recurring_charge_due()


@task
def send_refund_notice(refund_id: int) -> bool:
    from joud.donations.messages import refund_notice_send

    return refund_notice_send(refund_id=refund_id)
