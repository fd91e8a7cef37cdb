"""Every write takes an Idempotency-Key: the same key twice gives one effect and one answer."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from joud.api.models import WebhookEndpoint
from joud.core.tenancy import scopes_disabled
from tests.api.conftest import bearer, make_token

pytestmark = pytest.mark.django_db

BODY = {"url": "https://books.example.om/joud", "events": ["donation.confirmed"]}


def _create(client, raw, key, body=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(
        "/api/v1/org/webhooks",
        json.dumps(body or BODY),
        content_type="application/json",
        **headers,
        **bearer(raw),
    )


def _count(org) -> int:
    with scopes_disabled():
        return WebhookEndpoint.objects.filter(organization=org).count()


def test_the_same_key_twice_creates_once_and_answers_the_same(client, org_one):
    raw = make_token(org_one, ["webhooks:write"])
    first = _create(client, raw, "order-1")
    again = _create(client, raw, "order-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()  # the secret too: the answer is replayed, not redone
    assert first.json()["secret"].startswith("whsec_")
    assert _count(org_one) == 1
    assert _create(client, raw, "order-2").status_code == 201
    assert _count(org_one) == 2


def test_a_write_without_a_key_is_refused(client, org_one):
    raw = make_token(org_one, ["webhooks:write"])
    response = _create(client, raw, None)
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_required"
    assert _count(org_one) == 0


def test_the_same_key_for_another_request_is_refused(client, org_one):
    raw = make_token(org_one, ["webhooks:write"])
    _create(client, raw, "k")
    other = _create(client, raw, "k", {**BODY, "url": "https://elsewhere.example.om/"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert _count(org_one) == 1


def test_a_refused_write_keeps_the_key_free(client, org_one):
    raw = make_token(org_one, ["webhooks:write"])
    bad = _create(client, raw, "k", {**BODY, "url": "http://plain.example.om/"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_url"
    assert bad.json()["message_ar"] != bad.json()["message_en"]
    assert _create(client, raw, "k2").status_code == 201


def test_keys_are_per_token(client, org_one):
    one, two = make_token(org_one, ["webhooks:write"]), make_token(org_one, ["webhooks:write"])
    _create(client, one, "same")
    _create(client, two, "same")
    assert _count(org_one) == 2


@pytest.mark.django_db(transaction=True)
def test_two_racing_requests_with_one_key_write_once(org_one):
    raw = make_token(org_one, ["webhooks:write"])
    answers = []

    def call():
        try:
            answers.append(_create(Client(), raw, "race").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [201] * 4
    assert _count(org_one) == 1
