"""Stewardship: what giving costs, and how quickly and faithfully the money is put to work.
Every figure is read from the ledger (``funds.FundHistory``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from joud.transparency.indicators.base import (
    ONE,
    ZERO,
    Context,
    Reading,
    Unit,
    clamp,
    falling,
    indicator,
    months,
    setting,
    share,
    weighted_median,
    worded,
)

GROUP = "stewardship"
IDLE_DAYS = setting("JOUD_SCORECARD_IDLE_DAYS")


def enough_gifts(ctx: Context) -> bool:
    return ctx.money.gifts >= settings.JOUD_SCORECARD_MIN_GIFTS


@indicator(
    "admin_share",
    GROUP,
    Unit.SHARE,
    title=_("Administration share taken"),
    formula=worded(
        _(
            "Administration share ÷ gifts received in the last %(months)s. Full marks at none, "
            "half at the cap of %(cap)s percent, nothing above it."
        ),
        months=months,
        cap=setting("JOUD_ADMIN_SHARE_CAP"),
    ),
    source=_("The ledger: gifts received and the administration share kept from them."),
    explanation=worded(
        _(
            "The law lets an organization keep at most %(cap)s percent of gifts for its "
            "running costs."
        ),
        cap=setting("JOUD_ADMIN_SHARE_CAP"),
    ),
    advice=_("Keep a smaller administration share on your initiatives."),
)
def admin_share(ctx: Context) -> Reading:
    money = ctx.money
    if not enough_gifts(ctx) or not money.gross:
        return Reading("admin_share", None, None)
    value = share(money.admin_share, money.gross)
    cap = settings.JOUD_ADMIN_SHARE_CAP / 100
    mark = ZERO if value > cap else clamp(ONE - value / (2 * cap))
    return Reading("admin_share", value, mark, {"admin_share": money.admin_share})


@indicator(
    "cost_to_raise",
    GROUP,
    Unit.SHARE,
    title=_("Cost to raise one rial"),
    formula=worded(
        _(
            "(Payment fees + administration share) ÷ gifts received in the last %(months)s. "
            "Full marks at nothing, none at %(ceiling)s percent."
        ),
        months=months,
        ceiling=setting("JOUD_SCORECARD_COST_CEILING", 100),
    ),
    source=_("The ledger: gifts, payment fees and administration share."),
    explanation=_("How much of each rial given goes to costs before it can help anyone."),
    advice=_("Lower the administration share; encourage bank transfers with smaller fees."),
)
def cost_to_raise(ctx: Context) -> Reading:
    money = ctx.money
    if not enough_gifts(ctx) or not money.gross:
        return Reading("cost_to_raise", None, None)
    value = share(money.fees + money.admin_share, money.gross)
    return Reading("cost_to_raise", value, falling(value, settings.JOUD_SCORECARD_COST_CEILING), {})


@indicator(
    "days_to_disburse",
    GROUP,
    Unit.DAYS,
    title=_("Days from gift to payment"),
    formula=worded(
        ngettext_lazy(
            "Each rial paid out in the last %(months)s is matched with the oldest rial its "
            "fund held (first in, first out); the median of the days between. None at "
            "%(days)s day.",
            "Each rial paid out in the last %(months)s is matched with the oldest rial its "
            "fund held (first in, first out); the median of the days between. None at "
            "%(days)s days.",
            "count",
        ),
        months=months,
        days=setting("JOUD_SCORECARD_DISBURSE_CEILING_DAYS"),
    ),
    source=_("The ledger: gifts into each fund and payments out of it."),
    explanation=_("Money given should reach the people it was given for without long delays."),
    advice=_("Pay out what initiatives raise sooner: plan purchases as the money comes in."),
)
def days_to_disburse(ctx: Context) -> Reading:
    pieces = ctx.money.paid_within_year()
    if not pieces:
        return Reading("days_to_disburse", None, None)
    value = weighted_median([(p.days, p.amount) for p in pieces])
    mark = falling(value, settings.JOUD_SCORECARD_DISBURSE_CEILING_DAYS)
    return Reading("days_to_disburse", int(value), mark)


@indicator(
    "idle_money",
    GROUP,
    Unit.SHARE,
    title=worded(
        ngettext_lazy(
            "Money held for over %(days)s day", "Money held for over %(days)s days", "count"
        ),
        days=IDLE_DAYS,
    ),
    formula=worded(
        ngettext_lazy(
            "Money held that came in more than %(days)s day ago ÷ all money held (first in, "
            "first out).",
            "Money held that came in more than %(days)s days ago ÷ all money held (first in, "
            "first out).",
            "count",
        ),
        days=IDLE_DAYS,
    ),
    source=_("The ledger: the balance of each fund and when it came in."),
    explanation=_("Gifts left unused for months help no one."),
    advice=worded(
        ngettext_lazy(
            "Spend or plan the money your funds have held for more than %(days)s day.",
            "Spend or plan the money your funds have held for more than %(days)s days.",
            "count",
        ),
        days=IDLE_DAYS,
    ),
)
def idle_money(ctx: Context) -> Reading:
    if not enough_gifts(ctx):
        return Reading("idle_money", None, None)
    old, total = ctx.money.idle(settings.JOUD_SCORECARD_IDLE_DAYS)
    value = share(old, total) if total else Decimal(0)
    return Reading("idle_money", value, clamp(ONE - value), {"held": total, "old": old})


@indicator(
    "zakat_in_year",
    GROUP,
    Unit.SHARE,
    title=_("Zakat paid out within its Hijri year"),
    formula=_(
        "Zakat paid out in the Hijri year it was received ÷ zakat received in past Hijri years "
        "or already paid out (first in, first out)."
    ),
    source=_("The ledger: the zakat fund's gifts and payments, dated in the Hijri calendar."),
    explanation=_("Zakat is due to those entitled to it without delay, within its year."),
    advice=_("Pay out zakat to eligible cases before the Hijri year it came in ends."),
)
def zakat_in_year(ctx: Context) -> Reading:
    in_year, counted = ctx.money.zakat_in_year()
    if not counted:
        return Reading("zakat_in_year", None, None)
    value = share(in_year, counted)
    return Reading("zakat_in_year", value, value, {"in_year": in_year, "counted": counted})
