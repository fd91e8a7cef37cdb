"""SMS through a generic HTTP gateway, as Omani aggregators offer, described by configuration.

The request: JOUD_SMS_HTTP_METHOD to JOUD_SMS_HTTP_URL with JOUD_SMS_HTTP_BODY_TEMPLATE, whose
{to}, {body} and {sender} are replaced by the values escaped for JOUD_SMS_HTTP_CONTENT_TYPE
("form": url-encoded UTF-8; "json": inside a JSON string; a GET sends the template as the query
string), and one credentials header JOUD_SMS_HTTP_AUTH_HEADER ("Name: value"). The answer: any
2xx, and when JOUD_SMS_HTTP_SUCCESS_PATH is set, the JSON value there equal to
JOUD_SMS_HTTP_SUCCESS_VALUE; the message id at JOUD_SMS_HTTP_MESSAGE_ID_PATH.

Delivery reports are optional: with JOUD_SMS_HTTP_CALLBACK_SECRET set, ``status_callback``
takes the gateway's reports at /messaging/status/http/?token=<secret>.
"""

from __future__ import annotations

import json
import logging
from hmac import compare_digest
from urllib.parse import quote_plus

import requests
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from joud.core.messaging.backends import PermanentSendError, SendResult, TransientSendError
from joud.core.messaging.delivery import record_status

logger = logging.getLogger("joud.core.messaging")
PROVIDER = "http"
PLACEHOLDERS = ("to", "body", "sender")


def _escape(value: str, content_type: str) -> str:
    if content_type == "json":
        return json.dumps(value, ensure_ascii=False)[1:-1]
    return quote_plus(value, encoding="utf-8")


def render(template: str, values: dict[str, str], content_type: str) -> str:
    """The template with each {placeholder} replaced once; other braces (JSON's) untouched."""
    out = template
    for name in PLACEHOLDERS:
        out = out.replace("{" + name + "}", _escape(values.get(name, ""), content_type))
    return out


def dig(data, path: str):
    """The value at a dotted path ("data.messages.0.id") in decoded JSON, or None."""
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class HttpSmsBackend:
    provider = PROVIDER

    def send(self, *, channel: str, to: str, subject: str = "", body: str, html_body: str = ""):
        content_type = settings.JOUD_SMS_HTTP_CONTENT_TYPE
        values = {"to": to, "body": body, "sender": settings.JOUD_SMS_HTTP_SENDER}
        payload = render(settings.JOUD_SMS_HTTP_BODY_TEMPLATE, values, content_type)
        method = settings.JOUD_SMS_HTTP_METHOD.upper()
        headers = {}
        name, _sep, value = settings.JOUD_SMS_HTTP_AUTH_HEADER.partition(":")
        if value.strip():
            headers[name.strip()] = value.strip()
        data = None
        url = settings.JOUD_SMS_HTTP_URL
        if method == "GET":
            url = f"{url}{'&' if '?' in url else '?'}{payload}"
        else:
            headers["Content-Type"] = (
                "application/json; charset=utf-8"
                if content_type == "json"
                else "application/x-www-form-urlencoded; charset=utf-8"
            )
            data = payload.encode("utf-8")
        try:
            response = requests.request(
                method, url, data=data, headers=headers, timeout=settings.JOUD_SMS_HTTP_TIMEOUT
            )
        except requests.RequestException as exc:
            raise TransientSendError(f"http gateway {type(exc).__name__}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientSendError(f"http gateway {response.status_code}")
        if not 200 <= response.status_code < 300:
            raise PermanentSendError(f"http gateway {response.status_code}")
        return SendResult(message_id=self._checked(response))

    def _checked(self, response) -> str:
        success_path, id_path = (
            settings.JOUD_SMS_HTTP_SUCCESS_PATH,
            settings.JOUD_SMS_HTTP_MESSAGE_ID_PATH,
        )
        if not (success_path or id_path):
            return ""
        try:
            data = response.json()
        except ValueError as exc:
            raise PermanentSendError("http gateway answered without JSON") from exc
        if success_path and str(dig(data, success_path)) != settings.JOUD_SMS_HTTP_SUCCESS_VALUE:
            raise PermanentSendError("http gateway refused the message")
        found = dig(data, id_path) if id_path else None
        return "" if found is None else str(found)[:120]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def status_callback(request):
    """A gateway's delivery report, when configured: the token proves it is the gateway's."""
    secret = settings.JOUD_SMS_HTTP_CALLBACK_SECRET
    if not secret:
        raise Http404
    if not compare_digest(request.GET.get("token", "").encode(), secret.encode()):
        logger.warning("http gateway status callback refused: bad or missing token")
        return HttpResponseForbidden()
    fields = request.GET.copy()
    fields.update(request.POST)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            fields.update({k: str(v) for k, v in data.items() if isinstance(v, str | int)})
    message_id = fields.get(settings.JOUD_SMS_HTTP_CALLBACK_ID_FIELD, "")[:120]
    reported = fields.get(settings.JOUD_SMS_HTTP_CALLBACK_STATUS_FIELD, "")
    statuses = {k.upper(): v for k, v in settings.JOUD_SMS_HTTP_CALLBACK_STATUSES.items()}
    status = statuses.get(reported.upper())
    if message_id and status:
        record_status(PROVIDER, message_id, status)
    return HttpResponse(status=204)
