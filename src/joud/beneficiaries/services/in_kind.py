"""Goods offered for a published case's needs: offered -> accepted -> delivered (or declined)."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.matching.normalize import normalize_phone, tokenize
from joud.beneficiaries.models import InKindOffer, PublicCase
from joud.core.audit import audit_log
from joud.core.errors import BusinessError


@transaction.atomic
def inkind_offer(
    *, public_case: PublicCase, description: str, quantity, donor_name: str, donor_phone: str
) -> InKindOffer:
    if public_case.status != PublicCase.Status.PUBLISHED:
        raise BusinessError(_("This case is no longer open for giving."))
    if len(description.strip()) < 3:
        raise BusinessError(_("Describe what you offer."), field="description")
    phone = normalize_phone(donor_phone)
    if not re.fullmatch(r"[79]\d{7}", phone):
        raise BusinessError(_("Enter an Omani phone number of 8 digits."), field="donor_phone")
    try:
        qty = int(quantity or 1)
    except ValueError as exc:
        raise BusinessError(_("Enter a quantity."), field="quantity") from exc
    if not 1 <= qty <= 10_000:
        raise BusinessError(_("Enter a quantity."), field="quantity")
    offer = InKindOffer.objects.create(
        public_case=public_case,
        description=description.strip(),
        quantity=qty,
        donor_name=donor_name.strip()[:120] or "-",
        donor_phone=phone,
    )
    audit_log(
        action="joud.inkind.offered", target=offer, organization=public_case.organization, data={}
    )
    return offer


INKIND_TRANSITIONS = {
    InKindOffer.Status.OFFERED: {InKindOffer.Status.ACCEPTED, InKindOffer.Status.DECLINED},
    InKindOffer.Status.ACCEPTED: {InKindOffer.Status.DELIVERED, InKindOffer.Status.DECLINED},
}


@transaction.atomic
def inkind_advance(*, offer: InKindOffer, actor, to: str) -> InKindOffer:
    if to not in INKIND_TRANSITIONS.get(offer.status, set()):
        raise BusinessError(_("This offer cannot move to that state."))
    offer.status = to
    offer.save(update_fields=["status", "updated_at"])
    audit_log(
        action=f"joud.inkind.{to}",
        actor=actor,
        target=offer,
        organization=offer.public_case.organization,
    )
    return offer


def matching_needs(description: str, cases) -> list:
    """Public cases whose listed needs share a word with the offer (normalised Arabic)."""
    wanted = {t.text for t in tokenize(description) if len(t.text) > 2}
    out = []
    for pc in cases:
        needs = {t.text for t in tokenize(pc.needed_items) if len(t.text) > 2}
        if wanted & needs:
            out.append(pc)
    return out
