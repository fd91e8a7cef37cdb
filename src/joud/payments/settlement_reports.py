"""Finding a gateway's settlement report for a day: a file dropped in
``JOUD_RECONCILIATION_DIR``, a file given by hand, the sandbox's own records, or Stripe's API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import stripe
from django.conf import settings

from joud.payments.providers.sandbox.settlement import sandbox_settlement_report
from joud.payments.providers.stripe_checkout.provider import StripeProvider
from joud.payments.providers.stripe_checkout.settlement import parse_stripe_balance_csv
from joud.payments.providers.thawani.settlement import parse_thawani_sessions
from joud.payments.settlement import ProviderReport, ReportError

PARSERS = {"stripe": parse_stripe_balance_csv, "thawani": parse_thawani_sessions}


def report_file(provider: str, day: dt.date) -> Path | None:
    """The day's report dropped in ``JOUD_RECONCILIATION_DIR`` (<provider>-YYYY-MM-DD.csv|json)."""
    folder = Path(settings.JOUD_RECONCILIATION_DIR)
    for suffix in (".csv", ".json"):
        candidate = folder / f"{provider}-{day.isoformat()}{suffix}"
        if candidate.exists():
            return candidate
    return None


def load_report(provider: str, day: dt.date, path: Path | str | None = None) -> ProviderReport:
    """The provider's report for ``day``: from ``path``, the drop folder, or (sandbox) built."""
    if path is None and provider != "sandbox":
        path = report_file(provider, day)
        if path is None and provider == "stripe" and settings.JOUD_STRIPE_SECRET_KEY:
            return _stripe_api_report(day)
        if path is None:
            raise FileNotFoundError(f"no {provider} report for {day.isoformat()}")
    if path is None:
        return sandbox_settlement_report(day)
    parser = PARSERS.get(provider)
    if parser is None:
        raise ReportError(f"no report format known for {provider}")
    return parser(path, day=day)


def _stripe_api_report(day: dt.date) -> ProviderReport:
    try:
        return StripeProvider().settlement_report(day)
    except stripe.StripeError as exc:
        raise ReportError(f"Stripe balance transactions unavailable: {exc}") from exc
