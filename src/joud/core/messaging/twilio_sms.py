"""SMS through Twilio's official SDK, and Twilio's signed delivery reports.

Configured by TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or
TWILIO_MESSAGING_SERVICE_SID (``joud.settings.messaging``). Each message asks Twilio to report
its status to JOUD_SITE_URL + /messaging/status/twilio/, where ``status_callback`` checks the
X-Twilio-Signature before believing it.
"""

from __future__ import annotations

import functools
import logging

import requests
from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from joud.core.messaging.backends import PermanentSendError, SendResult, TransientSendError
from joud.core.messaging.delivery import record_status
from joud.core.models import MessageDelivery

logger = logging.getLogger("joud.core.messaging")
PROVIDER = "twilio"
Status = MessageDelivery.Status
# Twilio's message statuses (its create answer and its callbacks) in Joud's words.
STATUSES = {
    "accepted": Status.SENT,
    "scheduled": Status.SENT,
    "queued": Status.SENT,
    "sending": Status.SENT,
    "sent": Status.SENT,
    "delivered": Status.DELIVERED,
    "read": Status.DELIVERED,
    "undelivered": Status.UNDELIVERED,
    "failed": Status.FAILED,
    "canceled": Status.FAILED,
}


@functools.lru_cache(maxsize=2)
def _client(account_sid: str, auth_token: str, timeout: float) -> Client:
    """One client per process and account: its HTTP session keeps the TLS connection to
    Twilio open between messages instead of a new handshake for each."""
    return Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout))


def callback_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("messaging:twilio-status")


class TwilioSmsBackend:
    provider = PROVIDER

    def __init__(self):
        self.client = _client(
            settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_TIMEOUT
        )

    def send(self, *, channel: str, to: str, subject: str = "", body: str, html_body: str = ""):
        sender = {"from_": settings.TWILIO_FROM}
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            sender = {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
        if settings.TWILIO_STATUS_CALLBACK:
            sender["status_callback"] = callback_url()
        try:
            message = self.client.messages.create(to=to, body=body, **sender)
        except TwilioRestException as exc:
            # Twilio's own words may quote the number: keep its status and code only.
            reason = f"twilio {exc.status} code {exc.code or '-'}"
            if exc.status == 429 or exc.status >= 500:
                raise TransientSendError(reason) from exc
            raise PermanentSendError(reason) from exc
        except requests.RequestException as exc:  # no answer: connection refused, timeout…
            raise TransientSendError(f"twilio {type(exc).__name__}") from exc
        return SendResult(message_id=message.sid, status=STATUSES.get(message.status, Status.SENT))


@csrf_exempt
@require_POST
def status_callback(request):
    """Twilio's report on one message (MessageSid, MessageStatus), believed only when signed."""
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    # Twilio signs the address it called: the public one, behind the TLS proxy.
    url = settings.SITE_URL.rstrip("/") + request.get_full_path()
    if (
        not token
        or not signature
        or not RequestValidator(token).validate(url, request.POST, signature)
    ):
        logger.warning("twilio status callback refused: bad or missing signature")
        return HttpResponseForbidden()
    sid = request.POST.get("MessageSid", "")[:120]
    status = STATUSES.get(request.POST.get("MessageStatus", ""))
    if sid and status:
        error = request.POST.get("ErrorCode", "")[:10]
        record_status(PROVIDER, sid, status, error=f"twilio code {error}" if error else "")
    return HttpResponse(status=204)
