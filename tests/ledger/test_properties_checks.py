"""The checks of the ledger's property test (``test_properties``), after every step: the
books balance, every fund holds what the steps left and no restricted fund goes below zero, and
every public figure (``transparency.public_money.statement``, what the money pages show) equals
the ledger; and the helpers its steps use to say what a reversal must post."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import F, Sum
from hypothesis import event
from hypothesis.stateful import invariant

from joud.beneficiaries.models import PublicCase
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.ledger import accounts
from joud.ledger.models import Account, AccountTotal, Entry, RaisedDelta, Transaction
from joud.ledger.selectors import account_raised
from joud.transparency.public_money import Statement, statement
from tests.donations.factories import deliver, event_body
from tests.ledger.test_properties_world import FUND_KINDS, ZERO, Expected

SEEN: Counter = Counter()


def _seen(what: str) -> None:
    """Count what the generated steps did (the test asserts every kind of step happened)."""
    SEEN[what.split(" (")[0]] += 1
    event(what)


def _months_add_up(shown: Statement) -> None:
    """The month-by-month chart adds up to the statement's totals, figure by figure."""
    for key, total in shown.totals.__dict__.items():
        assert sum((getattr(m, key) for _d, m in shown.months), ZERO) == total, key


class LedgerChecks:
    """Mixed into the state machine: its invariants and helpers (``self.books``, ``self.world``,
    ``self.funds``, ``self.gifts`` and ``self.case_gross`` are the machine's)."""

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def books_balance(self):
        totals = Entry.objects.aggregate(
            d=Sum("debit", default=ZERO), c=Sum("credit", default=ZERO)
        )
        assert totals["d"] == totals["c"]
        unbalanced = (
            Entry.objects.values("transaction_id")
            .annotate(d=Sum("debit"), c=Sum("credit"))
            .exclude(d=F("c"))
        )
        assert not unbalanced.exists()
        # Each confirmed gift is booked once, however it was paid or redelivered.
        assert Transaction.objects.filter(kind="donation").count() == len(self.gifts)

    @invariant()
    def accounts_hold_what_the_steps_left(self):
        held = dict(
            Entry.objects.filter(account__kind__in=(*FUND_KINDS, "admin", "owed"))
            .values("account_id")
            .annotate(b=Sum("credit") - Sum("debit"))
            .values_list("account_id", "b")
        )
        owed = set(Account.objects.filter(kind="owed").values_list("pk", flat=True))
        for account_id, balance in held.items():
            if account_id in owed:  # a receivable: what the organization owes
                assert balance <= 0, f"owed account {account_id} holds {balance}"
            else:
                assert balance >= 0, f"account {account_id} holds {balance}"
            assert balance == self.books.balance[account_id]
        for account_id, balance in self.books.balance.items():
            assert held.get(account_id, ZERO) == balance

    @invariant()
    def no_restricted_fund_below_zero(self):
        """Issue 17 item 5, checked straight on the ledger (not through the model)."""
        below = (
            Entry.objects.exclude(account__restriction="none")
            .values("account_id")
            .annotate(b=Sum("credit") - Sum("debit"))
            .filter(b__lt=0)
        )
        assert not below.exists(), list(below)
        restricted = Account.objects.exclude(restriction="none")
        assert not Entry.objects.filter(account__in=restricted, kind="org_owed", debit__gt=0)
        assert not Entry.objects.filter(account__in=restricted, kind="general_cover", debit__gt=0)

    @invariant()
    def public_figures_equal_the_ledger(self):
        """What the public money pages show (``transparency.public_money.statement``: the
        initiative's and the organization's "where the money went") equals the steps' books."""
        for name in ("i1", "i2", "i3"):
            fund = self.funds[name]
            shown = statement(initiative=self.world[name])
            flows, totals = self.books.flows[fund], shown.totals
            assert totals.given - totals.refunded == self.books.raised[fund]
            assert shown.donations == self.books.count[fund]
            assert totals.given == quantize(flows["gross"])
            assert totals.admin_share == quantize(flows["admin_share"])
            assert totals.fees == quantize(flows["gateway_fee"])
            assert totals.refunded == quantize(flows["refunds"])
            assert totals.spent == quantize(flows["disbursed"])
            assert totals.transfers == -quantize(flows["transfers"])  # shown as money in
            assert totals.from_general == quantize(flows["from_general"])
            assert totals.owed == quantize(flows["owed"])
            assert totals.balance == self.books.balance[fund]
            _months_add_up(shown)
        org = self.world["org_a"]
        shown = statement(organization=org)
        held = Account.objects.filter(organization=org).exclude(kind__in=("bank", "owed"))
        funds = [a.pk for a in held]
        assert shown.totals.balance == sum((self.books.balance[a] for a in funds), ZERO)
        assert shown.totals.given == sum((self.books.flows[a]["gross"] for a in funds), ZERO)
        assert shown.donations == sum(self.books.count[a] for a in funds)
        _months_add_up(shown)
        for name in ("general", "zakat", "case"):
            fund = self.funds[name]
            assert account_raised(fund) == (self.books.raised[fund], self.books.count[fund])
        with scopes_disabled():
            case = PublicCase.objects.get(pk=self.world["case"].pk)
        gross = Entry.objects.filter(account_id=self.funds["case"], kind="gross").aggregate(
            c=Sum("credit", default=ZERO)
        )["c"]
        assert case.amount_raised == gross == self.case_gross

    # --- helpers -------------------------------------------------------------------------------

    def _deliver(self, attempt, event_type: str, fee: str) -> str:
        return deliver(event_body(attempt, event_type, fee=fee))[1]["status"]

    def _org_of(self, target: str) -> str:
        return {"i3": "b", "case": "c"}.get(target, "a")

    def _funded_or(self, name: str, names: list[str]) -> str:
        """Mostly spend from a fund that holds money (an empty one only proves refusals)."""
        funded = [n for n in names if self.books.balance[self.funds[n]] > 0]
        if name == "waqf" or not funded:
            return name
        return funded[names.index(name) % len(funded) if name in names else 0]

    def _expected(self, gift: dict, amount: Decimal, *, chargeback: bool) -> Expected:
        org = gift["donation"].organization_id
        general = accounts.general_account(org).pk
        return self.books.reversal(gift=gift, amount=amount, general=general, chargeback=chargeback)

    def _reversed(self, gift: dict, amount: Decimal, reference: str, expected: Expected) -> None:
        """A refund or chargeback of ``amount`` was posted as ``reference``: its lines are the
        ones the rule expects."""
        donation = gift["donation"]
        org = donation.organization_id
        general, owed = accounts.general_account(org).pk, accounts.owed_account(org).pk
        lines = Entry.objects.filter(transaction__reference=reference)

        def debited(account_id, kind):
            return lines.filter(account_id=account_id, kind=kind).aggregate(
                s=Sum("debit", default=ZERO)
            )["s"]

        admin = Account.objects.get(code=f"org:{org}:admin").pk
        assert debited(admin, "admin_share") == expected.share_back
        if general != donation.fund_account_id:
            assert debited(general, "gateway_fee") == expected.fee_moved
        assert debited(general, "general_cover") == expected.from_general
        assert debited(owed, "org_owed") == expected.owed
        if expected.owed:
            _seen("reversal partly owed by the organization")
        if expected.from_general:
            _seen("reversal partly covered by the general fund")
        gift["left"] -= amount
        gift["share_back"] += expected.share_back
        assert gift["share_back"] <= donation.admin_share_amount
        if gift["left"] == 0:
            assert gift["share_back"] == donation.admin_share_amount
        with scopes_disabled():
            state = Donation.unscoped.get(pk=donation.pk).state
        assert state == ("refunded" if gift["left"] == 0 else "partially_refunded")
        fund = donation.fund_account_id
        self.books.reversed(
            fund=fund, admin=admin, general=general, owed_id=owed, amount=amount, cover=expected
        )
        self.books.count[fund] -= 1 if gift["left"] == 0 else 0

    def _fold_caught_up(self):
        assert not RaisedDelta.objects.exists()
        folded = {
            t.account_id: (t.raised, t.donations)
            for t in AccountTotal.objects.all()
            if t.raised or t.donations
        }
        expected = {
            account_id: (raised, self.books.count[account_id])
            for account_id, raised in self.books.raised.items()
            if raised or self.books.count[account_id]
        }
        assert folded == expected
