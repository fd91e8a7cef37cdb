"""Amounts as Stripe wants them, and its expandable fields."""

from __future__ import annotations

from decimal import Decimal

from joud.core.money import from_minor_units, to_minor_units

THREE_DECIMAL_STEP = 10  # Stripe: the least-significant digit of a 3-decimal amount must be 0


def stripe_units(amount: Decimal, currency: str) -> int:
    """Minor units as Stripe wants them; refuses what Stripe would reject or round."""
    units = to_minor_units(amount, currency)
    if currency.upper() in ("OMR", "BHD", "JOD", "KWD", "TND") and units % THREE_DECIMAL_STEP:
        raise ValueError(f"{amount} {currency} is not a multiple of 0.010")
    return units


def _id(value) -> str:
    """An expandable field: either the id string or the expanded object."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def ten_baisa_neighbours(amount: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """The amounts Stripe can charge on either side of ``amount`` (10-baisa steps)."""
    units = to_minor_units(amount, currency)
    lower = units - units % THREE_DECIMAL_STEP
    return (
        from_minor_units(lower, currency),
        from_minor_units(lower + THREE_DECIMAL_STEP, currency),
    )
