"""Card testing: many small payment attempts, or many declines, from one source in minutes.

``burst_reason`` is the one rule. It is applied in two places: ``Detector`` (a stream of
attempts in memory: the evaluation, and the scan of recent payment attempts per initiative) and
``insights.anomalies.guard`` (each checkout request, counted per source in the shared cache).
A flagged source is slowed: one checkout every ``SLOW_GAP`` seconds for ``SLOW_FOR``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from decimal import Decimal

WINDOW = 300  # seconds
SMALL = Decimal("1.000")  # OMR: card testers try the smallest amounts
SLOW_FOR = 1800
SLOW_GAP = 30

# (attempts, small attempts, declines) in the window from one source.
MIN_SMALL_ATTEMPTS = 6
SMALL_SHARE = 0.6
MIN_DECLINES = 5
DECLINE_SHARE = 0.5
MANY_ATTEMPTS = 40
# One initiative receives the whole nation's giving: it needs far more to stand out.
INITIATIVE_SCALE = 5


def burst_reason(attempts: int, small: int, declines: int, *, scale: int = 1) -> str | None:
    """Why this window of one source's attempts looks like card testing, or None."""
    if small >= MIN_SMALL_ATTEMPTS * scale and small >= SMALL_SHARE * attempts:
        return "small_attempts"
    if declines >= MIN_DECLINES * scale and declines >= DECLINE_SHARE * attempts:
        return "declines"
    if attempts >= MANY_ATTEMPTS * scale:
        return "many_attempts"
    return None


@dataclass(frozen=True)
class Attempt:
    at: float  # seconds
    sources: tuple[str, ...]  # "ip:…", "device:…", "card:…", "initiative:…"
    amount: Decimal
    declined: bool


@dataclass(frozen=True)
class Flag:
    source: str
    at: float
    reason: str
    attempts: int
    small: int
    declines: int


class Detector:
    """Feed attempts in time order; returns the flags raised (once per source)."""

    def __init__(self) -> None:
        self.windows: dict[str, deque[Attempt]] = defaultdict(deque)
        self.flagged: dict[str, Flag] = {}

    def feed(self, attempt: Attempt) -> list[Flag]:
        raised = []
        for source in attempt.sources:
            window = self.windows[source]
            window.append(attempt)
            while window and window[0].at < attempt.at - WINDOW:
                window.popleft()
            if source in self.flagged:
                continue
            small = sum(1 for a in window if a.amount <= SMALL)
            declines = sum(1 for a in window if a.declined)
            scale = INITIATIVE_SCALE if source.startswith("initiative:") else 1
            reason = burst_reason(len(window), small, declines, scale=scale)
            if reason:
                flag = Flag(source, attempt.at, reason, len(window), small, declines)
                self.flagged[source] = flag
                raised.append(flag)
        return raised
