"""Messages to people about donations, each in the language of its reader."""

from __future__ import annotations

from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from joud.core.messaging import send_email, send_sms
from joud.core.money import format_money
from joud.core.tenancy import scopes_disabled


def gift_card_send(*, donation_id: int) -> bool:
    """Tell the recipient that someone gave in their name (amount not shown: it is a gift)."""
    from joud.donations.models import Donation

    with scopes_disabled():
        donation = Donation.objects.select_related("organization", "initiative").get(pk=donation_id)
    if not donation.is_gift or donation.state != Donation.State.CONFIRMED:
        return False
    with translation.override(donation.gift_language):
        giver = donation.public_name
        body = _(
            "Dear %(recipient)s, %(giver)s has given a donation on your behalf to "
            "“%(target)s” through Joud. May it be accepted."
        ) % {
            "recipient": donation.gift_recipient_name,
            "giver": giver,
            "target": donation.target_title,
        }
        if donation.dedication:
            body += "\n" + _("Their words: %(dedication)s") % {"dedication": donation.dedication}
        if donation.gift_recipient_phone:
            send_sms(to=donation.gift_recipient_phone, body=body)
        if donation.gift_recipient_email:
            send_email(
                to=donation.gift_recipient_email,
                subject=_("A donation was given on your behalf"),
                body=body,
            )
    return True


def receipt_link(donation) -> str:
    from django.conf import settings
    from django.urls import reverse

    path = reverse("receipts:donation_pdf", args=[donation.reference])
    return f"{settings.SITE_URL.rstrip('/')}{path}?t={donation.access_token}"


def thank_you_text(donation) -> str:
    return _("Thank you: your gift of %(amount)s to “%(target)s” is confirmed.") % {
        "amount": format_money(donation.amount),
        "target": donation.target_title,
    }


def thank_you_send(*, donation_id: int) -> bool:
    """The donor's confirmation with the link to the receipt, in the donor's language."""
    from joud.donations.models import Donation

    with scopes_disabled():
        donation = Donation.objects.select_related("organization", "initiative").get(pk=donation_id)
    if donation.state != Donation.State.CONFIRMED:
        return False
    with translation.override(donation.language or "ar"):
        body = (
            thank_you_text(donation)
            + "\n"
            + _("Your receipt: %(url)s") % {"url": receipt_link(donation)}
        )
        if donation.donor_phone:
            send_sms(to=donation.donor_phone, body=body)
        if donation.donor_email:
            send_email(to=donation.donor_email, subject=_("Your donation receipt"), body=body)
    return True


def refund_notice_send(*, refund_id: int) -> bool:
    """Tell the donor their money is on its way back, with the cancellation receipt link."""
    from django.conf import settings
    from django.urls import reverse

    from joud.donations.models import Refund

    with scopes_disabled():
        refund = Refund.objects.select_related("donation", "donation__organization").get(
            pk=refund_id
        )
    donation = refund.donation
    if not (donation.donor_phone or donation.donor_email):
        return False
    path = reverse("receipts:refund_pdf", args=[refund.reference])
    link = f"{settings.SITE_URL.rstrip('/')}{path}?t={donation.access_token}"
    with translation.override(donation.language or "ar"):
        body = _(
            "%(amount)s of your gift %(reference)s has been refunded. Cancellation receipt: %(url)s"
        ) % {
            "amount": format_money(refund.amount),
            "reference": donation.reference,
            "url": link,
        }
        if donation.donor_phone:
            send_sms(to=donation.donor_phone, body=body)
        if donation.donor_email:
            send_email(to=donation.donor_email, subject=_("Your refund"), body=body)
    return True


# The tasks that send them, enqueued by the services once the confirmation or refund committed.


@task
def send_gift_card(donation_id: int) -> bool:
    return gift_card_send(donation_id=donation_id)


@task
def send_thank_you(donation_id: int) -> bool:
    return thank_you_send(donation_id=donation_id)


@task
def send_refund_notice(refund_id: int) -> bool:
    return refund_notice_send(refund_id=refund_id)
