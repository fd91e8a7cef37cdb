"""``CheckoutGuardMiddleware``: counts each checkout (a POST to a give page) per source — the
client address (``client_address``) and the browser session — in the shared cache, one bucket per minute, and
applies ``bursts.burst_reason`` to the last five minutes. A source that matches is raised to the
review queue at once and slowed: for ``SLOW_FOR`` seconds it may start one checkout every
``SLOW_GAP`` seconds; others get a 429 page in their language saying how long to wait.

Declines are not known at this point (the gateway answers later); the guard sees attempts and
their amounts. Cache failures never block a donor.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

from joud.insights.anomalies import bursts
from joud.insights.anomalies.services import anomaly_raise

logger = logging.getLogger(__name__)

CHECKOUT_VIEWS = {
    "donations:give_initiative",
    "donations:give_case",
    "donations:give_general",
    "donations:give_zakat",
}
PREFIX = "checkout-guard"


def _amount(request) -> Decimal | None:
    raw = request.POST.get("custom_amount") or request.POST.get("amount") or ""
    try:
        value = Decimal(raw.strip()[:20])
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def client_address(request) -> str | None:
    """The donor's address: the peer's, or behind the platform's own proxy (a loopback or
    private peer: nginx, the balancer) the ``X-Real-IP`` it sets. None when a local peer sent
    no such header (the development server, the tests): everyone would share one address."""
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return None
    if peer.is_global:
        return str(peer)
    try:
        return str(ipaddress.ip_address(request.META.get("HTTP_X_REAL_IP", "").strip()))
    except ValueError:
        return None


def sources(request) -> list[str]:
    address = client_address(request)
    keys = [f"ip:{address}"] if address else []
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        keys.append(f"session:{session.session_key}")
    return keys


def _slowed_response(request) -> HttpResponse:
    body = render_to_string("insights/slowed.html", {"wait": bursts.SLOW_GAP}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(bursts.SLOW_GAP)
    return response


def record(source: str, amount: Decimal | None, now: float | None = None) -> str | None:
    """Count one checkout from ``source``; the burst reason if the last five minutes match."""
    now = time.time() if now is None else now
    minute = int(now // 60)
    small = amount is not None and amount <= bursts.SMALL
    ttl = bursts.WINDOW + 120
    for name, add in (("n", True), ("s", small)):
        if add:
            key = f"{PREFIX}:{name}:{source}:{minute}"
            if not cache.add(key, 1, ttl):
                cache.incr(key)
    minutes = range(minute - bursts.WINDOW // 60 + 1, minute + 1)
    keys = [f"{PREFIX}:{n}:{source}:{m}" for m in minutes for n in ("n", "s")]
    got = cache.get_many(keys)
    attempts = sum(v for k, v in got.items() if f"{PREFIX}:n:" in k)
    small_count = sum(v for k, v in got.items() if f"{PREFIX}:s:" in k)
    reason = bursts.burst_reason(attempts, small_count, 0)
    if reason and cache.add(f"{PREFIX}:slow:{source}", 1, bursts.SLOW_FOR):
        anomaly_raise(
            kind="card_testing",
            subject=source,
            reason=reason,
            details={"attempts": attempts, "small": small_count, "declines": 0},
        )
    return reason


def is_slowed(source: str) -> bool:
    return cache.get(f"{PREFIX}:slow:{source}") is not None


class CheckoutGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None or match.view_name not in CHECKOUT_VIEWS:
            return None
        try:
            keys = sources(request)
            for source in keys:
                if is_slowed(source) and not cache.add(
                    f"{PREFIX}:gap:{source}", 1, bursts.SLOW_GAP
                ):
                    return _slowed_response(request)
            amount = _amount(request)
            for source in keys:
                record(source, amount)
        except Exception:  # the guard must never stop a donor because the cache is down
            logger.exception("checkout guard failed")
        return None
