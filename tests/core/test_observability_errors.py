"""Error reporting: nothing without SENTRY_DSN; with one, a view's exception is sent (here to a
test transport: no network) without beneficiaries' data, request bodies or users' details."""

from __future__ import annotations

import json

import pytest
import sentry_sdk
from django.test import Client, override_settings
from django.urls import path
from sentry_sdk.transport import Transport

from joud.core.observability.errors import init_error_reporting


def exploding_view(request):
    civil_id = CIVIL_ID  # a decrypted identifier in a frame's locals must not travel
    raise RuntimeError(f"case update failed ({len(civil_id)} digits)")


urlpatterns = [path("boom/", exploding_view)]

# Below the view: its source lines (which Sentry sends as context) must not quote them.
CIVIL_ID = "98765432"
PHONE = "+96891234567"


class RecordingTransport(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events: list[dict] = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                self.events.append(item.payload.json)


@pytest.fixture
def reporting():
    transport = RecordingTransport()
    assert init_error_reporting(
        dsn="https://public@errors.example.invalid/1",
        environment="staging",
        release="joud@1.2.3",
        transport=transport,
    )
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_nothing_is_reported_without_a_dsn():
    assert not sentry_sdk.get_client().is_active()  # the test settings set no SENTRY_DSN
    assert init_error_reporting(dsn="") is False
    assert not sentry_sdk.get_client().is_active()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_views_exception_is_reported_without_personal_data(reporting):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/boom/?q=Fatima",
        {"civil_id": CIVIL_ID, "phone": PHONE, "monthly_income": "120.000"},
        HTTP_COOKIE="sessionid=secret-session",
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 500
    sentry_sdk.flush()
    assert sentry_sdk.get_client().should_send_default_pii() is False
    (event,) = reporting.events
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["environment"] == "staging" and event["release"] == "joud@1.2.3"
    assert event["transaction"] == "/boom/"
    sent = json.dumps(event)
    for personal in (CIVIL_ID, PHONE, "120.000", "Fatima", "secret-session", "198.51.100.7"):
        assert personal not in sent, personal
