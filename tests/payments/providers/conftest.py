"""Real gateways tested against recorded HTTP exchanges, with the network blocked.

- ``no_network`` (autouse): any DNS lookup or socket connection to a non-loopback address raises
  ``NetworkBlocked`` (PostgreSQL on 127.0.0.1 still works). A test that forgot a recording
  fails loudly instead of calling the real gateway.
- ``cassette``: replays a recorded exchange from ``cassettes/<name>.json`` with ``responses``;
  every recorded request must be made, with the recorded method, URL, query, headers and body,
  and nothing else may be requested. A response ``{"raise": "timeout"}`` is an answer that
  never came (the client times out).
"""

from __future__ import annotations

import ipaddress
import json
import socket
from decimal import Decimal
from pathlib import Path

import pytest
import requests
import responses
from responses import matchers

CASSETTES = Path(__file__).parent / "cassettes"

THAWANI_SECRET = "thw_test_secret_key"
THAWANI_PUBLISHABLE = "thw_test_publishable_key"
THAWANI_WEBHOOK_SECRET = "thw_test_webhook_secret"
STRIPE_SECRET = "sk_test_joud_recorded"
STRIPE_WEBHOOK_SECRET = "whsec_joud_recorded"


class NetworkBlocked(RuntimeError):
    """A test tried to reach the network."""


def _is_local(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock, address):
        if sock.family == getattr(socket, "AF_UNIX", None):
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _is_local(host):
            raise NetworkBlocked(f"network access blocked in tests: {address!r}")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            raise NetworkBlocked(f"DNS lookup blocked in tests: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def gateway_settings(settings):
    settings.JOUD_PAYMENT_PROVIDERS = ["sandbox", "thawani", "stripe"]
    settings.SITE_URL = "https://joud.example"
    settings.JOUD_THAWANI_BASE_URL = "https://uatcheckout.thawani.om"
    settings.JOUD_THAWANI_SECRET_KEY = THAWANI_SECRET
    settings.JOUD_THAWANI_PUBLISHABLE_KEY = THAWANI_PUBLISHABLE
    settings.JOUD_THAWANI_WEBHOOK_SECRET = THAWANI_WEBHOOK_SECRET
    settings.JOUD_STRIPE_SECRET_KEY = STRIPE_SECRET
    settings.JOUD_STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    return settings


def load(name: str, **values) -> dict:
    """A recording with its ``{{placeholders}}`` (per-test references) filled in."""
    text = (CASSETTES / f"{name}.json").read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", str(value))
    assert "{{" not in text, f"unfilled placeholder in {name}"
    return json.loads(text)


def _register(rsps: responses.RequestsMock, interaction: dict) -> None:
    request, response = interaction["request"], interaction["response"]
    match = []
    if "query" in request:
        match.append(matchers.query_param_matcher(request["query"]))
    if "headers" in request:
        match.append(matchers.header_matcher(request["headers"]))
    if "json" in request:
        match.append(matchers.json_params_matcher(request["json"]))
    if "form" in request:
        match.append(matchers.urlencoded_params_matcher(request["form"]))
    if response.get("raise") == "timeout":  # the answer never came
        rsps.add(
            request["method"],
            request["url"],
            body=requests.exceptions.ReadTimeout("recorded: no answer in time"),
            match=match,
        )
        return
    rsps.add(
        request["method"],
        request["url"],
        json=response["json"],
        status=response.get("status", 200),
        headers=response.get("headers"),
        match=match,
    )


@pytest.fixture
def cassette():
    """``with cassette("name", reference=...) as calls:`` replays one recorded exchange."""

    class Player:
        def __call__(self, *names: str, **values):
            rsps = responses.RequestsMock(assert_all_requests_are_fired=True)
            for name in names:
                for interaction in load(name, **values)["interactions"]:
                    _register(rsps, interaction)
            return rsps

    return Player()


def make_attempt(initiative, provider_id: str, *, reference: str, amount: str = "10.000"):
    """A donation ``reference`` (so recorded requests can name it) and its first payment
    attempt ``<reference>-P1`` opened with ``provider_id`` (call it inside a cassette)."""
    from joud.core.tenancy import scopes_disabled
    from joud.donations import services
    from joud.donations.models import Donation
    from joud.payments.registry import get_provider

    field = Donation._meta.get_field("reference")
    saved = field.default
    field.default = lambda: reference
    field.__dict__.pop("_get_default", None)  # Django caches the default callable
    try:
        with scopes_disabled():
            donation = services.donation_create(
                organization=initiative.organization,
                target="initiative",
                initiative=initiative,
                amount=Decimal(amount),
            )
            attempt, url = services.payment_attempt_start(
                donation=donation,
                return_url=f"/give/thanks/{donation.reference}/",
                provider=get_provider(provider_id),
            )
    finally:
        field.default = saved
        field.__dict__.pop("_get_default", None)
    return donation, attempt, url
