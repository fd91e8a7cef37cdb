"""Gifts to verified cases: whether a case still takes gifts, and adding a paid gift to it once."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models import PublicCase
from joud.beneficiaries.services import public_case_add_funds
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.donations.models import Donation

D = Donation.State


def case_is_open(public_case) -> bool:
    return public_case.status == PublicCase.Status.PUBLISHED


def case_amount_left(public_case) -> Decimal:
    return max(Decimal("0.000"), quantize(public_case.amount_needed - public_case.amount_raised))


def open_case(public_case, organization) -> PublicCase:
    """The verified case, re-read fresh; refused once funded or closed."""
    if public_case is None or public_case.organization_id != organization.pk:
        raise BusinessError(_("Choose a case."), code="target")
    public_case = PublicCase.unscoped.get(pk=public_case.pk)
    if not case_is_open(public_case):
        raise BusinessError(
            _("This case is fully funded or closed and no longer accepts gifts. Thank you."),
            code="closed",
        )
    return public_case


def donation_case_funds_add(*, donation_id: int) -> bool:
    """Add a confirmed gift to its verified case's raised amount, exactly once per donation.

    Runs after the confirmation (outside the one-statement hot path). The conditional update of
    ``case_funds_added_at`` is the guard: however many calls race here (webhook retries, the
    return page, two paid attempts), only one sees the row change. If the case closed between
    the gift and its payment, the money stays in the case's restricted fund and the surplus is
    handled as the case declared; the audit log says so.
    """
    with transaction.atomic():
        claimed = Donation.unscoped.filter(
            pk=donation_id,
            public_case__isnull=False,
            case_funds_added_at__isnull=True,
            state__in=(D.CONFIRMED, D.PARTIALLY_REFUNDED, D.REFUNDED),
        ).update(case_funds_added_at=timezone.now())
        if not claimed:
            return False
        donation = Donation.unscoped.select_related("public_case").get(pk=donation_id)
        try:
            with transaction.atomic():
                public_case_add_funds(public_case=donation.public_case, amount=donation.amount)
        except BusinessError:
            audit_log(
                action="joud.donation.case_closed_before_payment",
                target=donation,
                data={"amount": donation.amount, "case": donation.public_case.code},
            )
        return True
