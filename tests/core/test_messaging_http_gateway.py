"""SMS through a generic HTTP gateway described by settings, against recorded exchanges."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from django.tasks import default_task_backend

from joud.core.messaging import send_sms
from joud.core.models import MessageDelivery
from tests.core.recordings import load, replay

pytestmark = pytest.mark.django_db

URL = "https://sms.aggregator.example.om/api/v2/messages"
TOKEN = "agg-live-token-0123456789abcdef0123456789"
CALLBACK = "/messaging/status/http/"
CALLBACK_SECRET = "aggregator-callback-secret-0123456789abcdef"
Status = MessageDelivery.Status


@pytest.fixture
def gateway(settings):
    """The aggregator of the recordings: JSON with a bearer token, success in "status"."""
    settings.JOUD_SMS_BACKEND = "http"
    settings.JOUD_SMS_HTTP_URL = URL
    settings.JOUD_SMS_HTTP_METHOD = "POST"
    settings.JOUD_SMS_HTTP_CONTENT_TYPE = "json"
    settings.JOUD_SMS_HTTP_BODY_TEMPLATE = (
        '{"recipient": "{to}", "text": "{body}", "sender_id": "{sender}", "unicode": true}'
    )
    settings.JOUD_SMS_HTTP_AUTH_HEADER = f"Authorization: Bearer {TOKEN}"
    settings.JOUD_SMS_HTTP_SENDER = "JOUD"
    settings.JOUD_SMS_HTTP_SUCCESS_PATH = "status"
    settings.JOUD_SMS_HTTP_SUCCESS_VALUE = "success"
    settings.JOUD_SMS_HTTP_MESSAGE_ID_PATH = "data.messages.0.id"
    settings.JOUD_SMS_HTTP_CALLBACK_SECRET = ""
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()
    return settings


def test_the_template_becomes_the_recorded_json_request(gateway):
    recording = load("http_gateway_send_200")
    with responses.RequestsMock() as rsps:
        replay(rsps, "http_gateway_send_200")
        text = recording["request"]["json"]["text"]
        delivery = send_sms(to="+96891234567", body=text)
        (call,) = rsps.calls
    assert call.request.url == URL
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert call.request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(call.request.body) == recording["request"]["json"]
    assert text.encode("utf-8") in call.request.body  # Arabic as UTF-8, not \\u escapes
    delivery.refresh_from_db()
    assert (delivery.provider, delivery.status) == ("http", Status.SENT)
    assert delivery.provider_message_id == "5f0c9a1e-7d3b-4c2a-9e8f-1b6d4a7c2e90"
    assert default_task_backend.results == []


def test_quotes_and_new_lines_in_a_message_keep_the_json_valid(gateway):
    text = 'جود: "شكراً"\nرمزك {body} 123'
    with responses.RequestsMock() as rsps:
        replay(rsps, "http_gateway_send_200", url=URL)
        send_sms(to="+96891234567", body=text)
        sent = json.loads(rsps.calls[0].request.body)
    assert sent["text"] == text


def test_a_form_gateway_gets_url_encoded_utf8(gateway):
    gateway.JOUD_SMS_HTTP_CONTENT_TYPE = "form"
    gateway.JOUD_SMS_HTTP_BODY_TEMPLATE = (
        "user=joud&password=secret&to={to}&msg={body}&from={sender}"
    )
    gateway.JOUD_SMS_HTTP_AUTH_HEADER = ""
    gateway.JOUD_SMS_HTTP_SUCCESS_PATH = gateway.JOUD_SMS_HTTP_MESSAGE_ID_PATH = ""
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, URL, body="OK", status=200)
        delivery = send_sms(to="+96891234567", body="رمزك 123456 & شكراً")
        request = rsps.calls[0].request
    assert "Authorization" not in request.headers
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8"
    form = parse_qs(request.body.decode("ascii"), encoding="utf-8")
    assert form == {
        "user": ["joud"],
        "password": ["secret"],
        "to": ["+96891234567"],
        "msg": ["رمزك 123456 & شكراً"],
        "from": ["JOUD"],
    }
    delivery.refresh_from_db()
    assert (delivery.status, delivery.provider_message_id) == (Status.SENT, "")


def test_a_get_gateway_gets_the_template_as_its_query(gateway):
    gateway.JOUD_SMS_HTTP_METHOD = "GET"
    gateway.JOUD_SMS_HTTP_CONTENT_TYPE = "form"
    gateway.JOUD_SMS_HTTP_URL = URL + "?apikey=k"
    gateway.JOUD_SMS_HTTP_BODY_TEMPLATE = "to={to}&text={body}"
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, URL, json=load("http_gateway_send_200")["response"]["json"])
        send_sms(to="+96891234567", body="مرحبا")
        request = rsps.calls[0].request
    query = parse_qs(urlsplit(request.url).query, encoding="utf-8")
    assert query == {"apikey": ["k"], "to": ["+96891234567"], "text": ["مرحبا"]}
    assert request.body is None


def test_a_refusal_in_a_200_answer_fails_without_a_retry(gateway):
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, URL, json=load("http_gateway_send_refused")["response"]["json"])
        delivery = send_sms(to="+96891234567", body="مرحبا")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (
        Status.FAILED,
        "http gateway refused the message",
    )
    assert default_task_backend.results == []


@pytest.mark.parametrize(
    ("answer", "status", "retried", "error"),
    [
        ({"status": 429}, Status.QUEUED, True, "http gateway 429"),
        ({"status": 500}, Status.QUEUED, True, "http gateway 500"),
        ({"status": 503}, Status.QUEUED, True, "http gateway 503"),
        ({"body": requests.exceptions.ConnectTimeout()}, Status.QUEUED, True, None),
        ({"status": 400}, Status.FAILED, False, "http gateway 400"),
        ({"status": 401}, Status.FAILED, False, "http gateway 401"),
        ({"status": 200, "body": "<html>not json</html>"}, Status.FAILED, False, None),
    ],
    ids=["429", "500", "503", "timeout", "400", "401", "not-json"],
)
def test_transient_answers_are_retried_and_final_ones_are_not(
    gateway, answer, status, retried, error
):
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, URL, **answer)
        delivery = send_sms(to="+96891234567", body="مرحبا")
    delivery.refresh_from_db()
    assert delivery.status == status
    assert bool(default_task_backend.results) is retried
    assert delivery.last_error == (error or delivery.last_error)
    assert TOKEN not in delivery.last_error


# --- optional delivery reports ------------------------------------------------------------


def _sent() -> MessageDelivery:
    return MessageDelivery.objects.create(
        channel="sms", to="+9689*****67", provider="http", provider_message_id="m-1", status="sent"
    )


def test_reports_are_off_unless_a_secret_is_configured(gateway, client):
    assert client.get(CALLBACK, {"message_id": "m-1", "status": "DELIVRD"}).status_code == 404


def test_a_report_with_the_token_updates_the_status(gateway, client):
    gateway.JOUD_SMS_HTTP_CALLBACK_SECRET = CALLBACK_SECRET
    delivery = _sent()
    query = {"token": CALLBACK_SECRET, "message_id": "m-1", "status": "DELIVRD"}
    assert client.get(CALLBACK, query).status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED


def test_a_json_report_is_read_too(gateway, client):
    gateway.JOUD_SMS_HTTP_CALLBACK_SECRET = CALLBACK_SECRET
    delivery = _sent()
    response = client.post(
        f"{CALLBACK}?token={CALLBACK_SECRET}",
        {"message_id": "m-1", "status": "undeliv"},
        content_type="application/json",
    )
    assert response.status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == Status.UNDELIVERED


@pytest.mark.parametrize(
    ("query", "body", "code"),
    [
        ({"message_id": "m-1", "status": "DELIVRD"}, None, 403),
        ({"token": "wrong", "message_id": "m-1", "status": "DELIVRD"}, None, 403),
        ({"token": CALLBACK_SECRET, "message_id": "m-1", "status": "BOGUS"}, None, 204),
        ({"token": CALLBACK_SECRET}, "{not json", 204),
        ({"token": CALLBACK_SECRET}, "[1, 2]", 204),
    ],
    ids=["no-token", "wrong-token", "unknown-status", "bad-json", "json-list"],
)
def test_forged_or_junk_reports_change_nothing(gateway, client, query, body, code):
    gateway.JOUD_SMS_HTTP_CALLBACK_SECRET = CALLBACK_SECRET
    delivery = _sent()
    if body is None:
        response = client.get(CALLBACK, query)
    else:
        token = query["token"]
        response = client.post(f"{CALLBACK}?token={token}", body, content_type="application/json")
    assert response.status_code == code
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
