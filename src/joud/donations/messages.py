"""Messages to people about donations, each in the language of its reader (``notifications``).

They are sent from background tasks (defined here, enqueued by the services once the
confirmation or refund committed), so they send at once (``deferred=False``).
"""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from joud.core.notify import Recipient, notify
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, Refund
from joud.donations.notifications import GIFT_CARD, REFUND_NOTICE, THANK_YOU


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def receipt_link(donation: Donation) -> str:
    path = reverse("receipts:donation_pdf", args=[donation.reference])
    return f"{_site_url(path)}?t={donation.access_token}"


def refund_receipt_link(refund: Refund) -> str:
    path = reverse("receipts:refund_pdf", args=[refund.reference])
    return f"{_site_url(path)}?t={refund.donation.access_token}"


def gift_card_send(*, donation_id: int) -> bool:
    """Tell the recipient that someone gave in their name (amount not shown: it is a gift)."""
    with scopes_disabled():
        donation = Donation.objects.select_related("organization", "initiative").get(pk=donation_id)
    if not donation.is_gift or donation.state != Donation.State.CONFIRMED:
        return False
    recipient = Recipient(
        phone=donation.gift_recipient_phone,
        email=donation.gift_recipient_email,
        language=donation.gift_language,
    )
    notify(recipient, GIFT_CARD, {"donation": donation}, deferred=False)
    return True


def thank_you_send(*, donation_id: int) -> bool:
    """The donor's confirmation with the link to the receipt, in the donor's language."""
    with scopes_disabled():
        donation = Donation.objects.select_related("organization", "initiative").get(pk=donation_id)
    if donation.state != Donation.State.CONFIRMED:
        return False
    recipient = Recipient(
        phone=donation.donor_phone, email=donation.donor_email, language=donation.language
    )
    context = {"donation": donation, "receipt_url": receipt_link(donation)}
    notify(recipient, THANK_YOU, context, deferred=False)
    return True


def refund_notice_send(*, refund_id: int) -> bool:
    """Tell the donor their money is on its way back, with the cancellation receipt link."""
    with scopes_disabled():
        refund = Refund.objects.select_related("donation", "donation__organization").get(
            pk=refund_id
        )
    donation = refund.donation
    if not (donation.donor_phone or donation.donor_email):
        return False
    recipient = Recipient(
        phone=donation.donor_phone, email=donation.donor_email, language=donation.language
    )
    context = {"refund": refund, "receipt_url": refund_receipt_link(refund)}
    notify(recipient, REFUND_NOTICE, context, deferred=False)
    return True


@task
def send_gift_card(donation_id: int) -> bool:
    return gift_card_send(donation_id=donation_id)


@task
def send_thank_you(donation_id: int) -> bool:
    return thank_you_send(donation_id=donation_id)


@task
def send_refund_notice(refund_id: int) -> bool:
    return refund_notice_send(refund_id=refund_id)
