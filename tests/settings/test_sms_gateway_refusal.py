"""Production starts with a real SMS gateway fully configured, and refuses one missing its
credentials, naming the variable (never showing a value)."""

from __future__ import annotations

import pytest

from tests.settings.profiles import production, run

LOAD = ["-c", "import django; django.setup(); print('started')"]
TWILIO = {
    "JOUD_SMS_BACKEND": "twilio",
    "TWILIO_ACCOUNT_SID": "AC3f2a0c5b9d8e7f6a5b4c3d2e1f0a9b8c",
    "TWILIO_AUTH_TOKEN": "twilio-live-auth-token-0123456789ab",
    "TWILIO_FROM": "+15005550006",
}
HTTP = {
    "JOUD_SMS_BACKEND": "joud.core.messaging.HttpSmsBackend",
    "JOUD_SMS_HTTP_URL": "https://sms.aggregator.example.om/api/v2/messages",
    "JOUD_SMS_HTTP_CONTENT_TYPE": "json",
    "JOUD_SMS_HTTP_BODY_TEMPLATE": '{"recipient": "{to}", "text": "{body}"}',
    "JOUD_SMS_HTTP_AUTH_HEADER": "Authorization: Bearer agg-live-token-0123456789abcdef",
}


@pytest.mark.parametrize("gateway", [TWILIO, HTTP], ids=["twilio", "http"])
def test_a_configured_gateway_starts(gateway):
    result = run(LOAD, production(gateway))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


UNSAFE = [
    ({**TWILIO, "TWILIO_AUTH_TOKEN": None}, "TWILIO_AUTH_TOKEN is not set"),
    ({**TWILIO, "TWILIO_ACCOUNT_SID": None}, "TWILIO_ACCOUNT_SID is not set"),
    ({**TWILIO, "TWILIO_FROM": None}, "TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is not set"),
    ({**HTTP, "JOUD_SMS_HTTP_URL": None}, "JOUD_SMS_HTTP_URL is not an https:// address"),
    (
        {**HTTP, "JOUD_SMS_HTTP_URL": "http://sms.aggregator.example.om/send"},
        "JOUD_SMS_HTTP_URL is not an https:// address",
    ),
    ({**HTTP, "JOUD_SMS_HTTP_AUTH_HEADER": None}, "JOUD_SMS_HTTP_AUTH_HEADER is not set"),
    (
        {**HTTP, "JOUD_SMS_HTTP_BODY_TEMPLATE": '{"text": "{body}"}'},
        "JOUD_SMS_HTTP_BODY_TEMPLATE needs both {to} and {body}",
    ),
    (
        {**HTTP, "JOUD_SMS_HTTP_CALLBACK_SECRET": "short"},
        "JOUD_SMS_HTTP_CALLBACK_SECRET is shorter than",
    ),
    ({"JOUD_SMS_BACKEND": "outbox"}, "JOUD_SMS_BACKEND names no SMS gateway"),
]


@pytest.mark.parametrize(("changes", "message"), UNSAFE, ids=[m for _c, m in UNSAFE])
def test_a_gateway_without_its_credentials_is_refused(changes, message):
    result = run(LOAD, production(changes))
    assert result.returncode != 0
    assert "Joud refuses to start with the production settings" in result.stderr
    assert message in result.stderr
    for secret in ("twilio-live-auth-token-0123456789ab", "agg-live-token-0123456789abcdef"):
        assert secret not in result.stderr
