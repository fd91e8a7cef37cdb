"""Scorecard figures in plain words, in the page's language: one digit system, Arabic plural
forms, no ledger jargon (used by the pages, the CSV export and the demo)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from joud.core.money import format_number, format_percent
from joud.transparency.indicators.base import Unit

ONE_PLACE = Decimal("0.1")


def percent(value) -> str:
    """``0.0107`` -> "1.1%" / "١٫١٪" (one decimal only where it says something)."""
    share = Decimal(value).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return format_percent(share * 100, places=1)


def whole(value) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tenth(value) -> str:
    value = Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    return format_number(value.normalize() if value == value.to_integral() else value)


def reading_text(part) -> str:
    """What was measured, as a donor would say it."""
    reading, unit, code = part.reading, part.indicator.unit, part.indicator.code
    value, facts = reading.value, reading.facts
    if value is None:
        return _("Not enough data yet")
    if unit == Unit.YES_NO:
        return _("Valid") if value else _("Not valid")
    if code == "reports_on_time" and facts.get("mean_late") not in (None, "0", "0.0", 0):
        late = Decimal(str(facts["mean_late"]))
        return _("%(share)s; on average %(days)s working days late") % {
            "share": percent(value),
            "days": tenth(late),
        }
    if code == "donor_retention":
        n = int(facts.get("before", 0))
        return ngettext("%(share)s of %(n)s donor", "%(share)s of %(n)s donors", n) % {
            "share": percent(value),
            "n": format_number(n),
        }
    if unit == Unit.SHARE:
        return percent(value)
    if unit == Unit.DAYS:
        n = whole(value)
        return ngettext("%(n)s day", "%(n)s days", n) % {"n": format_number(n)}
    if unit == Unit.WORKING_DAYS:
        n = whole(value)
        return ngettext("%(n)s working day", "%(n)s working days", n) % {"n": format_number(n)}
    if unit == Unit.HOURS:
        n = whole(value)
        return ngettext("%(n)s hour", "%(n)s hours", n) % {"n": tenth(value)}
    if code == "sanctions":
        w, s = int(facts.get("warnings", 0)), int(facts.get("suspensions", 0))
        return _("%(warnings)s and %(suspensions)s") % {
            "warnings": ngettext("%(n)s warning", "%(n)s warnings", w) % {"n": format_number(w)},
            "suspensions": ngettext("%(n)s suspension", "%(n)s suspensions", s)
            % {"n": format_number(s)},
        }
    if code == "complaints":
        n = int(value)
        return ngettext("%(n)s complaint upheld", "%(n)s complaints upheld", n) % {
            "n": format_number(n)
        }
    n = int(value)
    return ngettext("%(n)s person", "%(n)s people", n) % {"n": format_number(n)}


def points_text(part) -> str:
    """ "7.5 of 10 points" (nothing when the indicator was not measured)."""
    if not part.measured:
        return _("not counted")
    return ngettext("%(earned)s of %(n)s point", "%(earned)s of %(n)s points", part.weight) % {
        "earned": tenth(part.points),
        "n": format_number(part.weight),
    }


def band(score: int | None) -> str:
    if score is None:
        return _("Not enough data yet")
    if score >= 80:
        return _("Excellent")
    if score >= 60:
        return _("Good")
    if score >= 40:
        return _("Fair")
    return _("Needs improvement")


def band_class(score: int | None) -> str:
    if score is None:
        return "score-none"
    return "score-high" if score >= 60 else "score-mid" if score >= 40 else "score-low"
