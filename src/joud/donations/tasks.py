"""Background work for donations: the gift card to the person a gift was given for."""

from __future__ import annotations

from django.tasks import task


@task
def send_gift_card(donation_id: int) -> bool:
    from joud.donations.messages import gift_card_send

    return gift_card_send(donation_id=donation_id)


@task
def send_thank_you(donation_id: int) -> bool:
    from joud.donations.messages import thank_you_send

    return thank_you_send(donation_id=donation_id)
