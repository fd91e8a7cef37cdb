"""Webhooks go through the lean WSGI handler (no session, user, CSRF or language middleware);
pages through the full one. Called as gunicorn calls it: ``joud.wsgi.application(environ, …)``."""

import io
import json

import pytest

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from tests.donations.factories import apply_accepted, event_body, make_donation, signed_headers

pytestmark = pytest.mark.django_db(transaction=True)


def _call(path: str, *, method="GET", body=b"", headers=None) -> tuple[str, dict, bytes]:
    from joud import wsgi

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/json",
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(response_headers)

    content = b"".join(wsgi.application(environ, start_response))
    return seen["status"], seen["headers"], content


def test_the_lean_handler_has_no_csrf_and_keeps_the_error_translation():
    from joud import wsgi

    def owners(methods):
        return {type(m.__self__).__name__ for m in methods}

    assert "CsrfViewMiddleware" not in owners(wsgi.machines._view_middleware)
    assert "CsrfViewMiddleware" in owners(wsgi.pages._view_middleware)
    assert "BusinessErrorMiddleware" in owners(wsgi.machines._exception_middleware)


def test_a_webhook_through_the_lean_handler_confirms_exactly_once(initiative):
    donation, attempt = make_donation(initiative=initiative, amount="7.000")
    body = event_body(attempt)
    headers = signed_headers(body)
    status, response_headers, content = _call(
        "/pay/webhooks/sandbox/", method="POST", body=body, headers=headers
    )
    assert status.startswith("200"), content
    assert json.loads(content)["status"] == "accepted"
    assert "Set-Cookie" not in response_headers  # no session, no CSRF cookie, no language
    again = _call("/pay/webhooks/sandbox/", method="POST", body=body, headers=headers)
    assert json.loads(again[2])["status"] == "duplicate"
    assert apply_accepted(body) == "confirm"
    donation.refresh_from_db()
    assert donation.state == Donation.State.CONFIRMED


def test_a_forged_webhook_is_refused_by_the_lean_handler(initiative):
    _donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    status, _headers, _content = _call(
        "/pay/webhooks/sandbox/", method="POST", body=body, headers={"Joud-Signature": "t=1,v1=0"}
    )
    assert status[:3] in ("400", "401", "403")


def test_pages_still_go_through_the_full_stack():
    status, headers, content = _call("/")
    assert status.startswith("200")
    assert b'lang="ar"' in content and b'dir="rtl"' in content


def test_a_database_restart_answers_503_so_the_gateway_redelivers(initiative, monkeypatch):
    """PostgreSQL restarting mid-confirmation (make chaos): a 503 with Retry-After, not a 500;
    the gateway retries the same event and it is recorded once."""
    from django.db import OperationalError

    import joud.donations.webhooks as webhooks

    _donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    real = webhooks.handle_webhook

    def restarting(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(webhooks, "handle_webhook", restarting)
    status, headers, _content = _call(
        "/pay/webhooks/sandbox/", method="POST", body=body, headers=signed_headers(body)
    )
    assert status.startswith("503") and headers["Retry-After"] == "5"
    monkeypatch.setattr(webhooks, "handle_webhook", real)
    status, _headers, _content = _call(
        "/pay/webhooks/sandbox/", method="POST", body=body, headers=signed_headers(body)
    )
    assert status.startswith("200")
    apply_accepted()
    with scopes_disabled():
        assert Donation.objects.filter(state=Donation.State.CONFIRMED).count() == 1


def test_a_page_during_a_database_restart_says_try_again_in_the_readers_language(rf):
    from django.db import IntegrityError, OperationalError
    from django.utils import translation

    from joud.core.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = rf.get("/")
    with translation.override("en"):
        response = middleware.process_exception(request, OperationalError("starting up"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert b"try again" in response.content
    with translation.override("ar"):
        arabic = middleware.process_exception(request, OperationalError("starting up"))
    assert "حاول".encode() in arabic.content
    assert middleware.process_exception(request, IntegrityError("a bug")) is None
