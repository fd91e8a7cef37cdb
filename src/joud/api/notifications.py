"""The API's messages (``joud.core.notify``): an organization's webhook was switched off."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from joud.core.notify import EMAIL, Recipient, event, notify
from joud.organizations.models import Membership

WEBHOOK_DISABLED = event(
    "api.webhook_disabled",
    subject=gettext_noop("Joud: a webhook of your organization was switched off"),
    body=gettext_noop(
        "Joud could not deliver to %(url)s for a day, %(failures)s times in a row, and switched "
        "the webhook off. Fix the receiving system, then switch it on again and send the "
        "failed deliveries again under API and webhooks in your dashboard."
    ),
    channels=(EMAIL,),
)


def tell_admins_webhook_disabled(endpoint) -> None:
    admins = Membership.objects.filter(
        organization_id=endpoint.organization_id, role=Membership.Role.ADMIN, is_active=True
    ).select_related("user")
    for membership in admins:
        notify(
            Recipient.of_user(membership.user),
            WEBHOOK_DISABLED,
            {"url": endpoint.url, "failures": endpoint.failures},
        )
