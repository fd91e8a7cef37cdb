"""Ledger properties, on PostgreSQL: hypothesis plays sequences of gifts (to initiatives, the
general and zakat funds and a verified case, confirmed through the real webhook on either
confirmation path, some failing first, some delivered twice), refunds (full and partial),
chargebacks (including ones the gift's fund cannot cover: its money spent, the gateway fee
kept), disbursements and transfers between funds (through the real spending rules), and sealing
and folding. After every step:

- the books balance: every transaction, and all entries together (one currency, OMR);
- no fund and no administration account holds less than nothing (above all, no restricted
  fund), and each holds exactly what the steps put in and took out; a reversal is covered as
  ``joud/ledger/services/reversals.py`` states (the fee and the spent part by the general fund;
  a refund it cannot cover refused and counted, nothing posted; a chargeback posted anyway, the
  rest owed by the organization, never below zero the other way);
- the spending rules decided as stated: zakat only for its purposes and only to zakat funds,
  endowment principal never spent, never more than a fund holds; the administration share of a
  gift is at most the 2% cap, and comes back with refunds, never more than was taken;
- every public figure equals the ledger's own sums: an initiative's raised total and donation
  count (exact, and folded once folded), the public "where the money went" statement of an
  initiative and of an organization (``transparency.public_money.statement``, month by month
  too), the organization's and the nation's live totals, the verified case's raised amount.

The invariants and the helpers that say what a reversal must post are in
``test_properties_checks``; the world (organizations, funds, the books) in
``test_properties_world``.

At the end, ``ledger_verify`` passes and the fold catches up exactly (no pending delta; every
folded total equals the ledger).
"""

from __future__ import annotations

import os
import secrets
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test

from joud.campaigns.models import Initiative
from joud.campaigns.selectors import live_totals
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.donations import services
from joud.donations.services import donation_refund, payment_event_apply
from joud.ledger import accounts
from joud.ledger.models import Account, RaisedDelta, Transaction
from joud.ledger.progress import initiative_progress
from joud.ledger.services import (
    ZAKAT_ELIGIBLE_PURPOSES,
    ledger_deposit,
    ledger_disburse,
    ledger_fold,
    ledger_seal,
    ledger_transfer,
)
from joud.payments.base import EventType, ProviderEvent
from joud.payments.models import SandboxCharge
from tests.donations.factories import deliver, event_body, make_donation
from tests.donations.test_case_giving import public_case  # noqa: F401 (world's fixture)
from tests.ledger.test_properties_checks import SEEN, LedgerChecks, _seen
from tests.ledger.test_properties_world import (
    CAP,
    PURPOSES,
    ZERO,
    Books,
    amounts,
    fees,
    shares,
    world,  # noqa: F401 (a fixture)
)

# Bounded run time: no shrinking of a failure (on this database it takes minutes) unless asked,
# with LEDGER_PROPERTIES_SHRINK=1; a failure is reported with its whole sequence of steps.
PHASES = [Phase.explicit, Phase.generate]
if os.environ.get("LEDGER_PROPERTIES_SHRINK"):
    PHASES.append(Phase.shrink)


class LedgerMachine(LedgerChecks, RuleBasedStateMachine):
    world: dict = {}

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()  # every example starts from the same world and rolls back
        self.books = Books()
        self.gifts: list[dict] = []  # confirmed gifts
        w = self.world
        self.funds = w["funds"]
        self.case_gross = ZERO

    def teardown(self):
        try:
            ledger_seal()
            ledger_fold()
            self._fold_caught_up()
            call_command("ledger_verify", stdout=StringIO(), stderr=StringIO())
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)

    # --- steps -----------------------------------------------------------------------------

    @rule(
        to=st.sampled_from(["i1", "i2", "i3", "general", "zakat", "case"]),
        amount=amounts,
        fee=fees,
        engine=st.sampled_from(["sql", "orm"]),
        story=st.sampled_from(
            ["paid", "paid twice", "failed then paid", "failed", "two checkouts paid"]
        ),
    )
    def give(self, to, amount, fee, engine, story):
        target = to
        w = self.world
        kw = {"amount": str(amount)}
        if target.startswith("i"):
            kw["initiative"] = w[target]
        elif target == "case":
            kw.update(organization=w["case"].organization, target="case", public_case=w["case"])
        else:
            kw.update(organization=w["org_a"], target=target)
        case_open = self.case_gross < w["case"].amount_needed
        try:
            donation, attempt = make_donation(**kw)
        except BusinessError as exc:
            assert target == "case" and not case_open and exc.code == "closed"
            return
        assert target != "case" or case_open
        second = None
        if story == "two checkouts paid":  # the payer opened two checkouts and paid both
            with scopes_disabled():
                second = services.payment_attempt_start(donation=donation, return_url="/")[0]
        with override_settings(JOUD_CONFIRMATION_SQL=engine):
            if story.startswith("failed"):
                assert self._deliver(attempt, "payment.failed", fee) == "fail"
            if story == "failed":
                return
            # The gateway's own side of the payment (what the sandbox's hosted page records).
            SandboxCharge.objects.filter(reference=attempt.reference).update(
                status=SandboxCharge.Status.SUCCEEDED
            )
            body = event_body(attempt, fee=fee)
            assert deliver(body)[1]["status"] == "confirm"
            if story == "paid twice":
                assert deliver(body)[1]["status"] == "duplicate"
                assert self._deliver(attempt, "payment.succeeded", fee) == "noop"
            if second is not None:  # booked once: the second payment is held for review
                assert self._deliver(second, "payment.succeeded", fee) == "hold"
        with scopes_disabled():
            donation.refresh_from_db()
        percent = (
            min(Decimal(donation.initiative.admin_share_percent), CAP)
            if kw.get("initiative")
            else ZERO
        )
        assert donation.admin_share_amount == quantize(amount * percent / 100)
        assert donation.admin_share_amount <= quantize(amount * CAP / 100)
        fund, admin = donation.fund_account_id, self.funds["admin_" + self._org_of(target)]
        share, fee = donation.admin_share_amount, Decimal(fee)
        b = self.books
        b.balance[fund] += amount - share - fee
        b.balance[admin] += share
        b.raised[fund] += amount
        b.count[fund] += 1
        b.flows[fund]["gross"] += amount
        b.flows[fund]["admin_share"] += share
        b.flows[fund]["gateway_fee"] += fee
        if target == "case":
            self.case_gross += amount
        _seen(f"gift confirmed ({engine}, {story})")
        self.gifts.append(
            {
                "donation": donation,
                "attempt": attempt,
                "left": amount,
                "fee": fee,
                "share_back": ZERO,
            }
        )

    @rule(data=st.data(), whole=st.booleans(), part=st.integers(1, 999))
    def refund(self, data, whole, part):
        if not self.gifts:
            return
        gift = data.draw(st.sampled_from(self.gifts))
        amount = None if whole else quantize(gift["donation"].amount * part / 1000)
        left = gift["left"]
        valid = left > 0 and (amount is None or ZERO < amount <= left)
        expected = self._expected(gift, amount or left, chargeback=False) if valid else None
        before = Transaction.objects.filter(kind="refund").count()
        try:
            refund = donation_refund(donation=gift["donation"], amount=amount, reason="test")
        except BusinessError as exc:
            assert Transaction.objects.filter(kind="refund").count() == before
            if exc.code == "uncovered":  # the general fund cannot cover it: refused
                assert valid and expected.missing > 0, (expected, str(exc))
                _seen("refund refused (general fund short)")
                return
            assert not valid
            assert exc.code in ("amount", "not_paid")
            return
        assert valid and expected.missing == 0, expected
        _seen("refund posted")
        self._reversed(gift, refund.amount, refund.reference, expected)

    @rule(data=st.data(), whole=st.booleans(), part=st.integers(1, 999))
    def chargeback(self, data, whole, part):
        if not self.gifts:
            return
        gift = data.draw(st.sampled_from(self.gifts))
        attempt = gift["attempt"]
        amount = None if whole else quantize(gift["donation"].amount * part / 1000)
        taken = min(amount or gift["left"], gift["left"])
        expected = self._expected(gift, taken, chargeback=True) if taken else None
        bank_says = ProviderEvent(
            provider="sandbox",
            event_id="evt_" + secrets.token_hex(8),
            type=EventType.CHARGEBACK_OPENED,
            reference=attempt.reference,
            provider_reference="cb_" + secrets.token_hex(6),
            amount=amount,
        )
        before = Transaction.objects.filter(kind="chargeback").aggregate(m=Count("id"))["m"]
        answer = payment_event_apply(event=bank_says)
        if gift["left"] == 0:
            assert answer == "noop"
            return
        assert answer == "chargeback"  # never refused: the bank has taken the money
        txn = Transaction.objects.filter(kind="chargeback").order_by("-id").first()
        assert Transaction.objects.filter(kind="chargeback").count() == before + 1
        _seen("chargeback posted")
        self._reversed(gift, taken, txn.reference, expected)

    @rule(
        source=st.sampled_from(["i1", "i2", "general", "zakat", "waqf", "case"]),
        share=shares,
        purpose=st.sampled_from(PURPOSES),
    )
    def disburse(self, source, share, purpose):
        source = self._funded_or(source, ["i1", "i2", "general", "zakat", "case"])
        account = Account.objects.get(pk=self.funds[source])
        holds = self.books.balance[account.pk]
        amount = quantize(holds * share / 1000) if holds else Decimal("1.000")
        allowed = (
            amount > 0
            and account.restriction != "waqf_principal"
            and (account.restriction != "zakat" or purpose in ZAKAT_ELIGIBLE_PURPOSES)
            and amount <= holds
        )
        try:
            ledger_disburse(
                account=account,
                amount=amount,
                purpose=purpose,
                reference="D-" + secrets.token_hex(4),
            )
        except BusinessError:
            assert not allowed
            _seen("spending refused")
            return
        assert allowed
        _seen("disbursement posted")
        self.books.balance[account.pk] -= amount
        self.books.flows[account.pk]["disbursed"] += amount

    @rule(
        source=st.sampled_from(["i1", "i2", "general", "zakat", "waqf"]),
        destination=st.sampled_from(["i1", "general", "zakat", "zakat_i", "waqf"]),
        share=shares,
    )
    def transfer(self, source, destination, share):
        source = self._funded_or(source, ["i1", "i2", "general", "zakat"])
        if source == destination:
            return
        src = Account.objects.get(pk=self.funds[source])
        dst = Account.objects.get(pk=self.funds[destination])
        holds = self.books.balance[src.pk]
        amount = quantize(holds * share / 1000) if holds else Decimal("1.000")
        allowed = (
            amount > 0
            and src.restriction != "waqf_principal"
            and (src.restriction != "zakat" or dst.restriction == "zakat")
            and amount <= self.books.balance[src.pk]
        )
        try:
            ledger_transfer(
                source=src, destination=dst, amount=amount, reference="T-" + secrets.token_hex(4)
            )
        except BusinessError:
            assert not allowed
            _seen("spending refused")
            return
        assert allowed
        _seen("transfer posted")
        self.books.balance[src.pk] -= amount
        self.books.balance[dst.pk] += amount
        self.books.flows[src.pk]["transfers"] += amount
        self.books.flows[dst.pk]["transfers"] -= amount

    @rule(org=st.sampled_from(["i1", "i3", "case"]), amount=amounts)
    def pay_in(self, org, amount):
        """The organization (of i1, of i3, of the case) pays its own money into its general
        fund: what later refunds' fees and spent money are taken from."""
        general = accounts.general_account(self.world[org].organization_id)
        ledger_deposit(account=general, amount=amount, reference="DEP-" + secrets.token_hex(4))
        _seen("general fund paid in")
        self.books.balance[general.pk] += amount

    @rule()
    def seal_and_fold(self):
        ledger_seal()
        ledger_fold()
        assert not RaisedDelta.objects.exists()
        for name in ("i1", "i2", "i3"):
            initiative = self.world[name]
            fund = self.funds[name]
            assert initiative_progress(initiative) == (
                self.books.raised[fund],
                self.books.count[fund],
            )
        names = ("i1", "i2", "i3")
        raised = {n: self.books.raised[self.funds[n]] for n in names}
        count = {n: self.books.count[self.funds[n]] for n in names}
        with scopes_disabled():
            of_a = Initiative.objects.filter(organization=self.world["org_a"])
            assert live_totals(of_a) == (raised["i1"] + raised["i2"], count["i1"] + count["i2"])
            everywhere = Initiative.objects.filter(pk__in=[self.world[n].pk for n in names])
            assert live_totals(everywhere) == (sum(raised.values()), sum(count.values()))
        self._fold_caught_up()
        call_command("ledger_verify", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_ledger_properties(world):  # noqa: F811 (the fixture imported above)
    assert Account.objects.get(pk=world["funds"]["zakat_i"]).restriction == "zakat"
    LedgerMachine.world = world
    SEEN.clear()
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            database=None,
            phases=PHASES,
        ),
    )
    assert not Transaction.objects.exists()  # every example rolled back to the same world
    assert SEEN["gift confirmed"] and SEEN["spending refused"], SEEN
    assert SEEN["refund posted"] + SEEN["chargeback posted"], SEEN
    # Reversals the gift's fund could not cover were generated and handled by the rule.
    assert SEEN["refund refused"] + SEEN["reversal partly owed by the organization"], SEEN
    assert SEEN["disbursement posted"] + SEEN["transfer posted"], SEEN
    print(dict(SEEN))  # shown with -s: how much each kind of step ran
