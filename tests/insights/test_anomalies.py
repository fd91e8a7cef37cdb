"""Card testing: the burst rule on constructed bursts, the checkout guard that raises and slows
a source, and the ministry's review queue."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from joud.insights.anomalies import bursts, guard
from joud.insights.anomalies.bursts import Attempt, Detector
from joud.insights.models import Anomaly


def test_the_rule_on_constructed_windows():
    assert bursts.burst_reason(6, 6, 0) == "small_attempts"
    assert bursts.burst_reason(6, 3, 0) is None  # half small: ordinary
    assert bursts.burst_reason(5, 5, 0) is None  # five small gifts: a generous donor
    assert bursts.burst_reason(8, 1, 5) == "declines"
    assert bursts.burst_reason(12, 0, 5) is None  # five declines among twelve
    assert bursts.burst_reason(40, 0, 0) == "many_attempts"
    assert bursts.burst_reason(20, 20, 0, scale=bursts.INITIATIVE_SCALE) is None


def _attempt(at, source, amount="0.100", declined=False):
    return Attempt(at, (source, "initiative:1"), Decimal(amount), declined)


def test_detector_flags_a_burst_once_and_forgets_old_attempts():
    detector = Detector()
    # Five small attempts spread over twenty minutes: never five in one window of five minutes.
    for k in range(5):
        assert detector.feed(_attempt(k * 400.0, "ip:slow")) == []
    flags = []
    for k in range(10):
        flags += detector.feed(_attempt(5000 + k * 10.0, "ip:fast"))
    assert [(f.source, f.reason, f.at) for f in flags] == [("ip:fast", "small_attempts", 5050.0)]
    assert "ip:slow" not in detector.flagged


def test_ordinary_gifts_from_one_busy_address_are_not_flagged():
    detector = Detector()
    for k in range(30):  # thirty people behind one carrier address, ordinary amounts
        detector.feed(Attempt(k * 9.0, ("ip:nat",), Decimal("10"), k % 12 == 0))
    assert detector.flagged == {}


@pytest.mark.django_db
def test_guard_raises_the_source_and_slows_it(settings):
    source = "ip:203.0.113.9"
    reasons = [guard.record(source, Decimal("0.500"), now=1_000_000 + k) for k in range(6)]
    assert reasons[:5] == [None] * 5 and reasons[5] == "small_attempts"
    anomaly = Anomaly.objects.get(kind="card_testing", subject=source)
    assert anomaly.details["attempts"] == 6 and anomaly.state == "open"
    assert guard.is_slowed(source)
    guard.record(source, Decimal("0.500"), now=1_000_010)  # no second anomaly while open
    assert Anomaly.objects.filter(subject=source).count() == 1


@pytest.mark.django_db
def test_a_slowed_source_gets_a_429_in_its_language_then_one_try_per_gap():
    from django.core.cache import cache

    cache.set(f"{guard.PREFIX}:slow:ip:198.51.100.7", 1, 60)
    request = RequestFactory().post(
        "/give/X1/", {"amount": "0.1"}, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7"
    )
    request.resolver_match = type("M", (), {"view_name": "donations:give_initiative"})()
    middleware = guard.CheckoutGuardMiddleware(lambda r: None)
    assert middleware.process_view(request, None, (), {}) is None  # the first in the gap passes
    with translation.override("ar"):
        slowed = middleware.process_view(request, None, (), {})
    assert slowed.status_code == 429 and slowed["Retry-After"] == str(bursts.SLOW_GAP)
    assert "يرجى" in slowed.content.decode() or "الرجاء" in slowed.content.decode()
    other = RequestFactory().post("/give/X1/", {"amount": "5"}, REMOTE_ADDR="8.8.4.4")
    other.resolver_match = request.resolver_match
    assert middleware.process_view(other, None, (), {}) is None


@pytest.mark.django_db
def test_review_queue_is_for_the_ministry_and_words_the_reason(ministry_client):
    anomaly = Anomaly.objects.create(
        kind="card_testing",
        subject="ip:203.0.113.9",
        reason="small_attempts",
        details={"attempts": 12, "small": 11, "declines": 0},
        raised_at="2026-03-15T20:00:00+04:00",
    )
    url = reverse("insights:anomalies")
    assert Client().get(url).status_code == 302  # signed out: to the sign-in page
    page = ministry_client.get(url, {"lang": "en"}).content.decode()
    assert "testing stolen cards" in page and "203.0.113.9" in page
    ministry_client.post(
        reverse("insights:anomaly_decide", args=[anomaly.pk]), {"decision": "dismissed"}
    )
    anomaly.refresh_from_db()
    assert anomaly.state == "dismissed" and anomaly.reviewed_by is not None
    assert "Nothing unusual" in ministry_client.get(url, {"lang": "en"}).content.decode()


@pytest.mark.parametrize(
    ("peer", "header", "expected"),
    [
        ("8.8.8.8", "1.1.1.1", "8.8.8.8"),  # a direct peer: its header is not trusted
        ("127.0.0.1", "8.8.8.8", "8.8.8.8"),  # behind the local nginx
        ("10.0.0.5", "8.8.8.8", "8.8.8.8"),  # behind a balancer on the private network
        ("127.0.0.1", "", None),  # the development server: nobody to count
        ("127.0.0.1", "not-an-ip\x00", None),
        ("", "8.8.8.8", None),
    ],
)
def test_client_address(peer, header, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_REAL_IP=header)
    assert guard.client_address(request) == expected
