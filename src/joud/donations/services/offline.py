"""Offline gifts: money an association received itself (cash at its office, a transfer to its
own bank account) and records from its list. No gateway was involved, and the books say so:

- the gift is a ``Donation`` with its ``channel`` (cash or bank transfer), confirmed when the
  association received it, with one ``PaymentAttempt`` of provider ``offline`` (no gateway: it
  carries the association's own slip or transfer number) so that the gift's state follows from
  its attempts and refunds like every other gift's;
- the ledger posts the gift as any gift is posted (balanced, gross into the fund, the declared
  administration share out), but the money comes from the organization's own ``bank`` account
  (``org:<id>:bank``, the one ``ledger_deposit`` uses), never from a gateway's clearing account,
  and no gateway fee is taken;
- cancelling it (an import undone) is a new, opposite posting (the ledger is append-only): a
  refund back to the organization's bank, never more than the fund still holds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.donations.models import Donation, PaymentAttempt, Refund
from joud.donations.services.giving import donation_create
from joud.donations.services.refunds import _next_refund_number
from joud.ledger import accounts
from joud.ledger.models import Account, Entry, RaisedDelta, Transaction
from joud.ledger.selectors import account_balance
from joud.ledger.services.posting import Line, post_lines

OFFLINE_PROVIDER = "offline"  # not a gateway: no provider is registered under this name
BANK = "bank"  # the organization's own bank and cash (``ledger_deposit``'s account)
OLDEST = dt.timedelta(days=366)
OFFLINE_TARGETS = (Donation.Target.INITIATIVE, Donation.Target.GENERAL, Donation.Target.ZAKAT)


def _moment(received_on: dt.date) -> dt.datetime:
    """Noon in Oman on the day received (the list gives a day, not a time), never later than
    now."""
    noon = timezone.make_aware(dt.datetime.combine(received_on, dt.time(12)))
    return min(noon, timezone.now())


def offline_gift_record(
    *,
    organization,
    actor,
    channel: str,
    amount: Decimal,
    received_on: dt.date,
    target: str,
    initiative=None,
    donor_name: str = "",
    donor_phone: str = "",
    donor_email: str = "",
    is_anonymous: bool = False,
    slip: str = "",
) -> Donation:
    """One gift the organization received itself, confirmed and in the books at once (the
    same checks as a gift online: amount, licence, an initiative collecting donations)."""
    if channel not in Donation.OFFLINE_CHANNELS:
        raise BusinessError(_("The channel is cash or bank transfer."), field="channel")
    if target not in OFFLINE_TARGETS:
        raise BusinessError(
            _("An offline gift goes to an initiative, the general fund or the zakat fund."),
            field="target",
        )
    today = timezone.localdate()
    if received_on > today or received_on < today - OLDEST:
        raise BusinessError(
            _("The date received must be within the last year, and not in the future."),
            field="received_on",
        )
    with transaction.atomic():
        donation = donation_create(
            organization=organization,
            target=target,
            amount=amount,
            initiative=initiative,
            donor_name=donor_name,
            donor_phone=donor_phone,
            donor_email=donor_email,
            is_anonymous=is_anonymous,
        )
        when = _moment(received_on)
        Donation.unscoped.filter(pk=donation.pk).update(
            channel=channel, state=Donation.State.CONFIRMED, confirmed_at=when
        )
        donation.refresh_from_db()
        attempt = PaymentAttempt.objects.create(
            organization_id=donation.organization_id,
            donation=donation,
            number=1,
            reference=f"{donation.reference}-P1",
            provider=OFFLINE_PROVIDER,
            provider_reference=slip[:120],
            amount=donation.amount,
            currency=donation.currency,
            state=PaymentAttempt.State.CONFIRMED,
            confirmed_at=when,
        )
        _post(donation, attempt.reference)
        audit_log(
            action="joud.donation.offline_recorded",
            actor=actor,
            target=donation,
            data={"channel": channel, "amount": donation.amount, "received_on": received_on},
        )
    return donation


def _post(donation: Donation, reference: str) -> Transaction:
    org_id = donation.organization_id
    fund, share = donation.fund_account_id, donation.admin_share_amount
    lines = [
        Line(
            accounts.organization_account(org_id, BANK).pk, Entry.Kind.GROSS, debit=donation.amount
        ),
        Line(fund, Entry.Kind.GROSS, credit=donation.amount),
    ]
    if share > 0:
        admin = accounts.organization_account(org_id, Account.Kind.ADMIN).pk
        lines += [
            Line(fund, Entry.Kind.ADMIN_SHARE, debit=share),
            Line(admin, Entry.Kind.ADMIN_SHARE, credit=share),
        ]
    txn = post_lines(
        kind=Transaction.Kind.DONATION,
        organization_id=org_id,
        reference=reference,
        memo=f"offline {donation.channel}",
        lines=lines,
    )
    RaisedDelta.objects.create(account_id=fund, raised=donation.amount, donations=1)
    return txn


def offline_gift_cancel(*, donation: Donation, actor, reason: str) -> Refund:
    """Take an offline gift out of the books (recorded by mistake): an opposite posting back to
    the organization's bank, the administration share back into the fund, the gift refunded in
    full. Refused once the fund has spent the money."""
    with transaction.atomic():
        donation = Donation.unscoped.select_for_update().get(pk=donation.pk)
        if donation.channel not in Donation.OFFLINE_CHANNELS:
            raise BusinessError(_("Only an offline gift can be cancelled this way."))
        if donation.state != Donation.State.CONFIRMED:
            raise BusinessError(_("This gift has already been refunded."))
        fund = Account.objects.select_for_update().get(pk=donation.fund_account_id)
        share = donation.admin_share_amount
        if account_balance(fund) < donation.amount - share:
            raise BusinessError(
                _("The fund has already spent this money: the gift can no longer be cancelled.")
            )
        attempt = PaymentAttempt.unscoped.get(donation=donation, number=1)
        number = _next_refund_number(donation)
        refund = Refund.objects.create(
            organization_id=donation.organization_id,
            donation=donation,
            attempt=attempt,
            number=number,
            reference=f"{donation.reference}-R{number}",
            amount=donation.amount,
            reason=reason[:200],
            state=Refund.State.DONE,
            done_at=timezone.now(),
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        org_id = donation.organization_id
        lines = [
            Line(fund.pk, Entry.Kind.REFUND, debit=donation.amount),
            Line(
                accounts.organization_account(org_id, BANK).pk,
                Entry.Kind.REFUND,
                credit=donation.amount,
            ),
        ]
        if share > 0:
            admin = accounts.organization_account(org_id, Account.Kind.ADMIN).pk
            lines += [
                Line(admin, Entry.Kind.ADMIN_SHARE, debit=share),
                Line(fund.pk, Entry.Kind.ADMIN_SHARE, credit=share),
            ]
        post_lines(
            kind=Transaction.Kind.REFUND,
            organization_id=org_id,
            reference=refund.reference,
            memo="offline gift cancelled",
            lines=lines,
        )
        RaisedDelta.objects.create(account_id=fund.pk, raised=-donation.amount, donations=-1)
        Donation.unscoped.filter(pk=donation.pk).update(
            state=Donation.State.REFUNDED, refunded_amount=donation.amount
        )
        audit_log(
            action="joud.donation.offline_cancelled",
            actor=actor,
            target=donation,
            data={"amount": donation.amount, "reason": reason[:200]},
        )
    return refund
