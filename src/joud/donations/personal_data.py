"""What donations hold about a person, for ``joud.privacy``: their gifts and giving plans (seen,
downloaded, pseudonymised on erasure: the figures stay for the books and receipts, the name and
contacts go), the public name hidden when its consent is withdrawn, and the retention of gifts
that were never paid."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, RecurringPlan
from joud.privacy.registry import (
    DataSubject,
    Note,
    RetentionRule,
    Source,
    register_rule,
    register_source,
)

# The person's name on receipts and in the books after erasure: no one in particular.
PSEUDONYM = ""
NEVER_PAID = (Donation.State.PENDING, Donation.State.FAILED)


def _mine(subject: DataSubject) -> Q:
    q = Q(pk__in=[])
    if subject.user_id:
        q |= Q(donor_id=subject.user_id)
    if subject.phone:
        q |= Q(donor_phone=subject.phone)
    if subject.email:
        q |= Q(donor_email__iexact=subject.email)
    return q


def collect(subject: DataSubject) -> list[dict]:
    if subject.case_reference:
        return []
    with scopes_disabled():
        gifts = Donation.objects.filter(_mine(subject)).select_related("organization")
        rows = [
            {
                "reference": d.reference,
                "organization": d.organization.name,
                "amount": str(d.amount),
                "currency": d.currency,
                "state": d.state,
                "created_at": d.created_at,
                "confirmed_at": d.confirmed_at,
                "name": d.donor_name,
                "name_shown": "" if d.is_anonymous else d.display_name,
                "phone": d.donor_phone,
                "email": d.donor_email,
                "dedication": d.dedication,
                "gift_recipient": d.gift_recipient_name,
            }
            for d in gifts
        ]
        plans = RecurringPlan.unscoped.filter(_mine(subject))
        rows += [
            {
                "plan": p.pk,
                "amount": str(p.amount),
                "frequency": p.frequency,
                "state": p.state,
                "phone": p.donor_phone,
                "email": p.donor_email,
            }
            for p in plans
        ]
    return rows


def erase(subject: DataSubject) -> list[Note]:
    if subject.case_reference:
        return []
    with scopes_disabled():
        gifts = Donation.objects.filter(_mine(subject))
        count = gifts.update(
            donor=None,
            donor_name=PSEUDONYM,
            donor_email="",
            donor_phone="",
            display_name="",
            is_anonymous=True,
            dedication="",
            gift_recipient_name="",
            gift_recipient_phone="",
            gift_recipient_email="",
        )
        plans = RecurringPlan.unscoped.filter(_mine(subject))
        plans.exclude(state=RecurringPlan.State.FINISHED).update(
            state=RecurringPlan.State.CANCELLED
        )
        plan_count = plans.update(donor=None, donor_name="", donor_email="", donor_phone="")
    return [
        Note(
            str(_("Gifts and their receipts")),
            "pseudonymised",
            count,
            str(
                _(
                    "Amounts, dates, references and receipt numbers stay in the association's "
                    "books for ten years, as accounting and the fundraising regulation require; "
                    "the name and contacts are removed."
                )
            ),
        ),
        Note(str(_("Giving plans (cancelled)")), "pseudonymised", plan_count),
    ]


def withdraw(subject: DataSubject, purpose: str) -> int:
    """The public name is hidden on every gift of the person once that consent is withdrawn."""
    if purpose != "public_name" or subject.case_reference:
        return 0
    with scopes_disabled():
        return Donation.objects.filter(_mine(subject)).update(is_anonymous=True, display_name="")


def purge_never_paid(cutoff) -> tuple[int, int]:
    """Gifts never paid: nothing to keep for the books, so their name and contacts go."""
    with scopes_disabled():
        old = Donation.objects.filter(state__in=NEVER_PAID, created_at__lt=cutoff).exclude(
            donor_name="", donor_email="", donor_phone="", gift_recipient_phone=""
        )
        count = old.update(
            donor=None,
            donor_name="",
            donor_email="",
            donor_phone="",
            display_name="",
            dedication="",
            gift_recipient_name="",
            gift_recipient_phone="",
            gift_recipient_email="",
        )
    return 0, count


register_source(
    Source(
        key="donations",
        label=_("Gifts and giving plans"),
        collect=collect,
        erase=erase,
        withdraw=withdraw,
        position=10,
    )
)
register_rule(
    RetentionRule(
        code="unpaid_attempts",
        label=_("Gifts that were never paid"),
        days=30,
        purge=purge_never_paid,
    )
)
