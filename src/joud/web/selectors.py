"""Reads for the public pages moved to the apps that own them; kept as aliases for old callers."""

from __future__ import annotations

from joud.campaigns.selectors import home_page, live_initiatives, verify_code  # noqa: F401
from joud.ministry.selectors import national_counters  # noqa: F401
