"""Every write of endowments: a waqf created by its institution, a donor's share in its principal
(through the donations service, like any gift), and a return booked into its returns account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import STORABLE_MAXIMUM, quantize
from joud.disbursements.purposes import Purpose
from joud.donations.models import Donation
from joud.donations.services import donation_create
from joud.endowments.access import require_admin, require_finance
from joud.endowments.models import Waqf, WaqfReturn, WaqfShare
from joud.ledger import accounts
from joud.ledger.services import ledger_receive_return
from joud.organizations.models import Organization

# A waqf's returns never pay the institution's running costs through the deed's purposes.
WAQF_PURPOSES = [p for p in Purpose.values if p != Purpose.OPERATIONS]


@transaction.atomic
def waqf_create(
    *,
    organization: Organization,
    actor,
    name_ar: str,
    purpose_ar: str,
    deed_ar: str,
    purposes: list[str],
    name_en: str = "",
    purpose_en: str = "",
    deed_en: str = "",
    slug: str = "",
) -> Waqf:
    """A waqf institution constitutes an endowment: its purpose, its deed, the purposes its
    returns may pay for; the ledger opens its principal and returns accounts."""
    if organization.kind != Organization.Kind.WAQF or not organization.is_licensed:
        raise BusinessError(
            _("Only a licensed endowment (waqf) institution can create an endowment."),
            code="not_waqf_institution",
        )
    require_admin(actor, organization)
    if not (name_ar.strip() and purpose_ar.strip() and deed_ar.strip()):
        raise BusinessError(_("Give the endowment's name, purpose and deed."), code="required")
    purposes = sorted(set(purposes))
    if not purposes or any(p not in WAQF_PURPOSES for p in purposes):
        raise BusinessError(
            _("Choose the purposes the endowment's returns pay for."), code="purposes"
        )
    slug = slugify(slug or name_en or "")[:40] or f"waqf-{organization.pk}"
    base, n = slug, 1
    while Waqf.unscoped.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    principal, income = accounts.waqf_accounts(organization.pk, slug, purposes)
    waqf = Waqf.unscoped.create(
        organization=organization,
        slug=slug,
        name_ar=name_ar.strip(),
        name_en=name_en.strip(),
        purpose_ar=purpose_ar.strip(),
        purpose_en=purpose_en.strip(),
        deed_ar=deed_ar.strip(),
        deed_en=deed_en.strip(),
        purposes=purposes,
        principal_account=principal,
        income_account=income,
    )
    audit_log(
        action="joud.waqf.created",
        actor=actor,
        target=waqf,
        data={"name": waqf.name_ar, "purposes": purposes},
    )
    return waqf


@transaction.atomic
def waqf_share_create(
    *,
    waqf: Waqf,
    amount: Decimal,
    donor=None,
    donor_name: str = "",
    donor_email: str = "",
    donor_phone: str = "",
    is_anonymous: bool = False,
    language: str = "ar",
) -> WaqfShare:
    """A donor's gift into the waqf's principal: a donation like any other (paid through the
    gateway, receipted), and the share it certifies once paid."""
    if not waqf.is_open:
        raise BusinessError(_("This endowment is not taking new shares."), code="closed")
    donation = donation_create(
        organization=waqf.organization,
        target=Donation.Target.WAQF,
        waqf_account=waqf.principal_account,
        amount=amount,
        donor=donor,
        donor_name=donor_name,
        donor_email=donor_email,
        donor_phone=donor_phone,
        is_anonymous=is_anonymous,
        language=language,
    )
    share = WaqfShare.unscoped.create(
        organization_id=waqf.organization_id, waqf=waqf, donation=donation
    )
    audit_log(
        action="joud.waqf.share_started",
        actor=donation.donor,
        target=share,
        data={"waqf": waqf.pk, "donation": donation.reference, "amount": donation.amount},
    )
    return share


@transaction.atomic
def waqf_return_record(
    *,
    waqf: Waqf,
    actor,
    kind: str,
    amount: Decimal,
    received_on: dt.date,
    description: str = "",
) -> WaqfReturn:
    """The institution books a return (investment income, rent) into the waqf's returns
    account: the ledger entry and its record, together."""
    require_finance(actor, waqf.organization_id)
    if kind not in WaqfReturn.Kind.values:
        raise BusinessError(_("Choose the kind of return."), code="kind", field="kind")
    amount = quantize(amount)
    if amount <= 0 or amount > STORABLE_MAXIMUM:
        raise BusinessError(_("Enter an amount more than zero."), code="amount", field="amount")
    if received_on > timezone.localdate():
        raise BusinessError(
            _("A return is recorded once received, not ahead."), code="date", field="received_on"
        )
    number = WaqfReturn.unscoped.filter(waqf=waqf).count() + 1
    posting = ledger_receive_return(
        account=waqf.income_account,
        amount=amount,
        reference=f"WQF{waqf.pk}-R{number}",
        actor=actor,
        memo=f"{kind} {received_on.isoformat()}",
        received_at=timezone.make_aware(dt.datetime.combine(received_on, dt.time(12))),
    )
    item = WaqfReturn.unscoped.create(
        organization_id=waqf.organization_id,
        waqf=waqf,
        kind=kind,
        amount=amount,
        received_on=received_on,
        description=description.strip()[:200],
        posting=posting,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(
        action="joud.waqf.return_recorded",
        actor=actor,
        target=item,
        data={"waqf": waqf.pk, "kind": kind, "amount": amount, "received_on": received_on},
    )
    return item
