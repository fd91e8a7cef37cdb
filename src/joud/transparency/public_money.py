"""Money in and out as anyone may read it, for one initiative or one organization: every figure
summed from the ledger's entries, each payment out from ``disbursements.public_disbursements``
(no payee is ever named), by month for the chart, and an initiative's timeline.

It lives here, above donations and disbursements (which may not import each other), because it
joins both; the pages under /ledger/ render it through the ``public_money`` template tags.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.campaigns.reporting import published_report
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement
from joud.disbursements.selectors import PublicDisbursement, public_disbursements
from joud.ledger import selectors as ledger
from joud.ledger.models import Account, Entry
from joud.ledger.months import month_rows
from joud.obligations.selectors import public_programmes

ZERO = Decimal("0.000")
# Not money the organization holds: the bank mirror of payments out, and what it owes.
_NOT_HELD_KINDS = ("bank", Account.Kind.OWED)
_REFUND_KINDS = (Entry.Kind.REFUND, Entry.Kind.CHARGEBACK)


@dataclass
class Figures:
    """One period's (or all time's) money, each a sum of ledger entries on the funds."""

    given: Decimal = ZERO  # gifts received (gross)
    refunded: Decimal = ZERO  # refunds and chargebacks paid back
    admin_share: Decimal = ZERO  # kept for running costs (from the funds gifts went to)
    fees: Decimal = ZERO  # the payment gateway's fees
    spent: Decimal = ZERO  # payments out, net of bounced transfers returned
    transfers: Decimal = ZERO  # moved in from other funds, or paid in by the organization
    from_general: Decimal = ZERO  # reversals the fund could not cover, paid by the general fund
    owed: Decimal = ZERO  # … and what the organization still owes for them
    balance: Decimal = ZERO  # held now (credits − debits)

    def add(self, kind: str, on_admin_fund: bool, debit: Decimal, credit: Decimal) -> None:
        out = debit - credit
        if kind == Entry.Kind.GROSS:
            self.given -= out
        elif kind == Entry.Kind.ADMIN_SHARE:
            if not on_admin_fund:  # the administration fund's side stays with the organization
                self.admin_share += out
        elif kind == Entry.Kind.GATEWAY_FEE:
            self.fees += out
        elif kind in _REFUND_KINDS:
            self.refunded += out
        elif kind == Entry.Kind.DISBURSEMENT:
            self.spent += out
        elif kind == Entry.Kind.GENERAL_COVER:
            self.from_general -= out
        elif kind == Entry.Kind.ORG_OWED:
            self.owed -= out
        else:
            self.transfers -= out
        self.balance -= out

    @property
    def received(self) -> Decimal:
        """Given by donors and kept: gifts less refunds and chargebacks."""
        return self.given - self.refunded

    @property
    def costs(self) -> Decimal:
        """Fees and the administration share together (the month table's one column)."""
        return self.fees + self.admin_share

    def rounded(self) -> Figures:
        return Figures(**{k: quantize(v) for k, v in self.__dict__.items()})


@dataclass(frozen=True)
class Step:
    key: str  # collected, first_purchase, delivered, report
    done: bool
    date: dt.date | None = None
    until: dt.date | None = None  # collected: the last gift


@dataclass
class Statement:
    organization: object
    initiative: Initiative | None
    totals: Figures
    donations: int
    admin_cap_percent: Decimal
    admin_cap: Decimal  # the most the administration share may be of what was given
    admin_held: Decimal  # organization: the administration share not yet spent (in ``balance``)
    lines: list[PublicDisbursement]
    months: list[tuple[dt.date, Figures]] = field(default_factory=list)
    timeline: list[Step] = field(default_factory=list)
    # An organization's zakat al-fitr fund on its own (received, distributed, held), or None
    # when it has none: fitr is a restricted fund donors look for by name.
    fitr: Figures | None = None
    fitr_page: bool = False  # its zakat al-fitr page (the distributions) is public

    @property
    def subject(self):
        return self.initiative or self.organization


def _fund_ids(*, initiative=None, organization=None) -> tuple[list[int], set[int], set[int]]:
    """The ledger accounts whose money the statement shows, which of them is the
    organization's administration fund, and which its zakat al-fitr fund."""
    if initiative is not None:
        account_id = ledger.initiative_account_id(initiative)
        return ([account_id] if account_id else []), set(), set()
    rows = Account.objects.filter(organization=organization).exclude(kind__in=_NOT_HELD_KINDS)
    pairs = list(rows.values_list("id", "kind"))
    return (
        [pk for pk, _k in pairs],
        {pk for pk, k in pairs if k == Account.Kind.ADMIN},
        {pk for pk, k in pairs if k == Account.Kind.FITR},
    )


def _fund_figures(account_ids: set[int], months_by_key: dict) -> Figures | None:
    """All-time figures of some of the funds (from the same monthly rollup)."""
    if not account_ids:
        return None
    figures = Figures()
    for (account_id, _month, kind), m in months_by_key.items():
        if account_id in account_ids:
            figures.add(kind, False, m.debit, m.credit)
    return figures.rounded()


def _sums(admin_ids: set[int], months_by_key: dict):
    """(totals, months) from the ledger's monthly rollup of the funds (``ledger.months``)."""
    totals, months = Figures(), defaultdict(Figures)
    for (account_id, month, kind), m in months_by_key.items():
        args = (kind, account_id in admin_ids, m.debit, m.credit)
        totals.add(*args)
        months[month].add(*args)
    return totals.rounded(), [(m, months[m].rounded()) for m in sorted(months)]


def _first_gift(months_by_key: dict) -> tuple[dt.date | None, dt.date | None]:
    """The days of the first and the last gift received (from the same rollup)."""
    gifts = [m for (_a, _m, kind), m in months_by_key.items() if kind == Entry.Kind.GROSS]
    firsts = [m.first_credit_at for m in gifts if m.first_credit_at is not None]
    lasts = [m.last_credit_at for m in gifts if m.last_credit_at is not None]
    return (
        timezone.localdate(min(firsts)) if firsts else None,
        timezone.localdate(max(lasts)) if lasts else None,
    )


def _timeline(initiative, months_by_key, lines) -> list[Step]:
    first, last = _first_gift(months_by_key)
    with scopes_disabled():
        paid = Disbursement.objects.filter(
            initiative=initiative, state=Disbursement.State.PAID
        ).aggregate(last=Max("paid_at"))["last"]
    report = published_report(initiative)
    published = report.published_at if report is not None else None
    return [
        Step("collected", first is not None, first, last),
        Step("first_purchase", bool(lines), lines[0].date if lines else None),
        Step("delivered", paid is not None, timezone.localdate(paid) if paid else None),
        Step("report", published is not None, timezone.localdate(published) if published else None),
    ]


def statement(*, initiative: Initiative | None = None, organization=None) -> Statement:
    """The public statement of one initiative, or of one organization (all its funds)."""
    organization = initiative.organization if initiative is not None else organization
    account_ids, admin_ids, fitr_ids = _fund_ids(initiative=initiative, organization=organization)
    months_by_key = month_rows(account_ids)
    totals, months = _sums(admin_ids, months_by_key)
    donations = (
        ledger.account_raised(account_ids[0])[1]
        if initiative is not None and account_ids
        else sum(ledger.account_raised(pk)[1] for pk in account_ids)
    )
    lines = public_disbursements(
        initiative=initiative, organization=None if initiative is not None else organization
    )
    percent = Decimal(settings.JOUD_ADMIN_SHARE_CAP)
    admin_held = ZERO
    if initiative is None and admin_ids:
        admin_held = sum(  # what the administration fund holds: its credits less its debits
            (m.credit - m.debit for (a, _m, _k), m in months_by_key.items() if a in admin_ids),
            ZERO,
        )
    return Statement(
        organization=organization,
        initiative=initiative,
        totals=totals,
        donations=donations,
        admin_cap_percent=percent,
        admin_cap=quantize((totals.given - totals.refunded) * percent / 100),
        admin_held=quantize(admin_held),
        lines=lines,
        months=months,
        timeline=_timeline(initiative, months_by_key, lines) if initiative is not None else [],
        fitr=_fund_figures(fitr_ids, months_by_key),
        fitr_page=bool(fitr_ids) and public_programmes().filter(organization=organization).exists(),
    )


TIMELINE_SECONDS = 30


def timeline(initiative: Initiative) -> list[Step]:
    """Only the initiative's timeline (its own page shows it without the figures).

    Its steps are dates that move a few times in an initiative's life (and the last gift's day),
    while the page is read at every visit: they are kept TIMELINE_SECONDS in the shared cache,
    keyed on the initiative and its last change. The live figures beside it are not."""
    key = f"joud:timeline:{initiative.pk}:{initiative.updated_at.timestamp() if initiative.updated_at else 0}"
    steps = cache.get(key)
    if steps is None:
        steps = timeline_now(initiative)
        cache.set(key, steps, TIMELINE_SECONDS)
    return steps


def timeline_now(initiative: Initiative) -> list[Step]:
    """The timeline as the ledger and the disbursements say it at this moment (not cached)."""
    account_id = ledger.initiative_account_id(initiative)
    lines = public_disbursements(initiative=initiative)
    return _timeline(initiative, month_rows([account_id] if account_id else []), lines)
