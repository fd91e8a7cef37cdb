"""The scorecard's indicators, one function each (see ``base.indicator``); importing this
package registers them all, in the order the pages show them."""

from joud.transparency.indicators import (  # noqa: F401  (registration)
    compliance,
    openness,
    reach,
    responsiveness,
    stewardship,
)
from joud.transparency.indicators.base import REGISTRY, Context, Indicator, Reading

GROUPS = ("compliance", "stewardship", "transparency", "reach", "responsiveness")

__all__ = ["GROUPS", "REGISTRY", "Context", "Indicator", "Reading"]
