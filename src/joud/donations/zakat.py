"""The zakat calculator: 2.5% of zakatable wealth held a lunar year, once it reaches the nisab.

Nisab: the value of 85 g of gold (or 595 g of silver) at the configured prices
(``JOUD_GOLD_PRICE_PER_GRAM`` / ``JOUD_SILVER_PRICE_PER_GRAM``, in OMR). Which one to use is a
scholarly choice: the gold nisab is the default here; the silver one (lower, so more people pay)
can be chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from joud.core.money import quantize

GOLD_NISAB_GRAMS = Decimal("85")
SILVER_NISAB_GRAMS = Decimal("595")
RATE = Decimal("0.025")


def gold_price() -> Decimal:
    return Decimal(str(getattr(settings, "JOUD_GOLD_PRICE_PER_GRAM", "32.500")))


def silver_price() -> Decimal:
    return Decimal(str(getattr(settings, "JOUD_SILVER_PRICE_PER_GRAM", "0.400")))


@dataclass(frozen=True)
class ZakatResult:
    wealth: Decimal
    nisab: Decimal
    due: Decimal

    @property
    def reaches_nisab(self) -> bool:
        return self.wealth >= self.nisab and self.wealth > 0


def zakat_calculate(
    *,
    cash: Decimal = Decimal(0),
    gold_grams: Decimal = Decimal(0),
    silver_grams: Decimal = Decimal(0),
    trade_goods: Decimal = Decimal(0),
    receivables: Decimal = Decimal(0),
    debts: Decimal = Decimal(0),
    nisab_basis: str = "gold",
) -> ZakatResult:
    for value in (cash, gold_grams, silver_grams, trade_goods, receivables, debts):
        if value < 0:
            raise ValueError("amounts cannot be negative")
    wealth = (
        cash
        + gold_grams * gold_price()
        + silver_grams * silver_price()
        + trade_goods
        + receivables
        - debts
    )
    wealth = quantize(max(wealth, Decimal(0)))
    if nisab_basis == "silver":
        nisab = quantize(SILVER_NISAB_GRAMS * silver_price())
    else:
        nisab = quantize(GOLD_NISAB_GRAMS * gold_price())
    due = quantize(wealth * RATE) if wealth >= nisab and wealth > 0 else Decimal("0.000")
    return ZakatResult(wealth=wealth, nisab=nisab, due=due)
