"""A guest's gifts join the account they sign in to with the same mobile number (or email).

Both must hold: the gift was given from this browser (its session remembers the reference,
``access.remember_donation``) and it was given with the phone or email of the account. A
reference alone, or a phone number alone, never moves a gift into anyone's history.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from joud.core.audit import audit_log
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation


def donations_claim_for_donor(*, user, references: list[str]) -> int:
    """Give ``user`` the guest gifts among ``references`` made with their phone or email.
    Returns how many joined their history."""
    contact = Q()
    if getattr(user, "phone", ""):
        contact |= Q(donor_phone=user.phone)
    if getattr(user, "email", ""):
        contact |= Q(donor_email__iexact=user.email)
    if not references or not contact:
        return 0
    with scopes_disabled(), transaction.atomic():
        gifts = Donation.objects.select_for_update().filter(
            contact, reference__in=list(references)[:50], donor__isnull=True
        )
        claimed = list(gifts.values_list("pk", "reference"))
        if not claimed:
            return 0
        Donation.objects.filter(pk__in=[pk for pk, _ref in claimed]).update(donor=user)
        audit_log(
            action="joud.donation.claimed",
            actor=user,
            target=user,
            data={"references": [ref for _pk, ref in claimed]},
        )
    return len(claimed)
