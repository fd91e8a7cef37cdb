"""Webhooks: endpoints (create, switch on and off), the fan-out from the audit log, one delivery
attempt with its back-off, giving up, disabling after repeated failure, and sending again."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.api.models import WebhookCursor, WebhookDelivery, WebhookEndpoint
from joud.api.notifications import tell_admins_webhook_disabled
from joud.api.webhooks import events, signing
from joud.core import crypto
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled

State = WebhookDelivery.State
# Waits before each retry: about a day in all (1 m, 5 m, 15 m, 1 h, 3 h, 6 h, 12 h).
BACKOFF = tuple(dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720))
TIMEOUT_SECONDS = 10
KEPT_RESPONSE = 2000
FANOUT_BATCH = 500


def disable_after() -> int:
    """Deliveries given up in a row before the endpoint is switched off."""
    return int(getattr(settings, "JOUD_WEBHOOK_DISABLE_AFTER", 3))


def _check_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as exc:
        raise BusinessError(
            _("Enter a valid https:// address."), code="bad_url", field="url"
        ) from exc
    if not url.startswith("https://") and not getattr(settings, "JOUD_WEBHOOK_ALLOW_HTTP", False):
        raise BusinessError(
            _("A webhook address must start with https://."), code="bad_url", field="url"
        )
    return url


def _check_events(chosen) -> list[str]:
    chosen = [e for e in dict.fromkeys(chosen or ()) if isinstance(e, str)]
    if not chosen or any(e not in events.EVENTS for e in chosen):
        raise BusinessError(
            _("Choose at least one of the listed events."), code="bad_events", field="events"
        )
    return chosen


def endpoint_create(
    *, organization, actor, url: str, chosen: list[str]
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret (shown once; kept encrypted to sign)."""
    url, chosen = _check_url(url), _check_events(chosen)
    secret = signing.new_secret()
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            organization=organization,
            url=url,
            events=chosen,
            secret=crypto.encrypt(secret),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_log(action="joud.webhook.created", actor=actor, target=endpoint, data={"url": url})
    return endpoint, secret


def endpoint_set_active(*, endpoint: WebhookEndpoint, actor, active: bool) -> WebhookEndpoint:
    with transaction.atomic():
        endpoint.is_active = active
        if active:
            endpoint.failures, endpoint.disabled_at = 0, None
        endpoint.save(update_fields=["is_active", "failures", "disabled_at", "updated_at"])
        verb = "enabled" if active else "disabled"
        audit_log(action=f"joud.webhook.{verb}", actor=actor, target=endpoint)
    return endpoint


def endpoint_delete(*, endpoint: WebhookEndpoint, actor) -> None:
    with transaction.atomic():
        audit_log(
            action="joud.webhook.deleted", actor=actor, target=endpoint, data={"url": endpoint.url}
        )
        endpoint.delete()


# --- fan-out --------------------------------------------------------------------------------


def webhooks_fan_out(*, batch: int = FANOUT_BATCH) -> int:
    """Read the audit log past the cursor and queue a delivery for each subscribed endpoint.

    Runs as a periodic job (never in the request that made the change). The cursor row is locked
    so two workers never read the same entries; one delivery per (endpoint, entry) at most.
    """
    created = []
    with transaction.atomic(), scopes_disabled():
        cursor, _new = WebhookCursor.objects.select_for_update().get_or_create(pk=1)
        entries = list(
            AuditLogEntry.objects.filter(pk__gt=cursor.last_entry_id)
            .select_related("organization")
            .order_by("pk")[:batch]
        )
        if not entries:
            return 0
        wanted = [e for e in entries if e.action in events.ACTIONS and e.organization_id]
        org_ids = {e.organization_id for e in wanted}
        endpoints: dict[int, list[WebhookEndpoint]] = {}
        for endpoint in WebhookEndpoint.objects.filter(organization_id__in=org_ids, is_active=True):
            endpoints.setdefault(endpoint.organization_id, []).append(endpoint)
        for entry in wanted:
            name = events.ACTIONS[entry.action]
            for endpoint in endpoints.get(entry.organization_id, []):
                if name not in endpoint.events:
                    continue
                event_id = f"evt_{uuid.uuid4().hex}"
                created.append(
                    WebhookDelivery(
                        organization_id=endpoint.organization_id,
                        endpoint=endpoint,
                        event=name,
                        event_id=event_id,
                        source_id=entry.pk,
                        payload=events.payload(entry, name, event_id),
                        next_attempt_at=timezone.now(),
                    )
                )
        WebhookDelivery.unscoped.bulk_create(created, ignore_conflicts=True)
        cursor.last_entry_id = entries[-1].pk
        cursor.save(update_fields=["last_entry_id"])
    return len(created)


# --- delivery -------------------------------------------------------------------------------


def _post(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    """One HTTP POST (the tests replace this; the network is closed there)."""
    response = requests.post(
        url, data=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
    )
    return response.status_code, response.text[:KEPT_RESPONSE]


def _signed(delivery: WebhookDelivery, secret: str, now: dt.datetime) -> tuple[bytes, dict]:
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Joud-Webhooks/1",
        "Joud-Event": delivery.event,
        "Joud-Event-Id": delivery.event_id,
        "Joud-Delivery": str(delivery.pk),
        signing.HEADER: signing.sign(secret, timestamp, body),
    }
    return body, headers


def webhook_attempt(*, delivery_id: int, now: dt.datetime | None = None) -> WebhookDelivery | None:
    """One attempt of one delivery: sign, POST, record the exchange; on failure wait the next
    back-off step, and after the last one give up (and count it against the endpoint)."""
    now = now or timezone.now()
    with transaction.atomic(), scopes_disabled():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(
                pk=delivery_id,
                state__in=(State.PENDING, State.RETRYING),
                next_attempt_at__lte=now,
            )
            .first()
        )
        if delivery is None:
            return None
        endpoint = delivery.endpoint
        if not endpoint.is_active:
            return delivery
        body, headers = _signed(delivery, crypto.decrypt(endpoint.secret), now)
        try:
            status, text = _post(endpoint.url, body, headers)
            error = "" if 200 <= status < 300 else f"HTTP {status}"
        except requests.RequestException as exc:
            status, text, error = None, "", type(exc).__name__
        delivery.attempts += 1
        delivery.request_headers = headers
        delivery.response_status, delivery.response_body, delivery.error = status, text, error
        if not error:
            delivery.state, delivery.delivered_at, delivery.next_attempt_at = (
                State.DELIVERED,
                now,
                None,
            )
            if endpoint.failures:
                WebhookEndpoint.unscoped.filter(pk=endpoint.pk).update(failures=0)
        elif delivery.attempts <= len(BACKOFF):
            delivery.state = State.RETRYING
            delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        else:
            delivery.state, delivery.next_attempt_at = State.FAILED, None
            _count_failure(endpoint)
        delivery.save()
    return delivery


def _count_failure(endpoint: WebhookEndpoint) -> None:
    endpoint.failures += 1
    fields = ["failures", "updated_at"]
    if endpoint.failures >= disable_after() and endpoint.is_active:
        endpoint.is_active, endpoint.disabled_at = False, timezone.now()
        fields += ["is_active", "disabled_at"]
        audit_log(
            action="joud.webhook.auto_disabled",
            target=endpoint,
            data={"failures": endpoint.failures},
        )
        tell_admins_webhook_disabled(endpoint)
    endpoint.save(update_fields=fields)


def webhook_replay(*, delivery: WebhookDelivery, actor) -> WebhookDelivery:
    """Send a logged delivery again: a new delivery with the same event id and payload (the
    receiver can tell it is the same event)."""
    if not delivery.endpoint.is_active:
        raise BusinessError(_("Switch the webhook on before sending again."), code="webhook_off")
    with transaction.atomic():
        again = WebhookDelivery.objects.create(
            organization_id=delivery.organization_id,
            endpoint=delivery.endpoint,
            event=delivery.event,
            event_id=delivery.event_id,
            payload=delivery.payload,
            next_attempt_at=timezone.now(),
        )
        audit_log(
            action="joud.webhook.replayed",
            actor=actor,
            target=delivery.endpoint,
            data={"delivery": delivery.pk, "again": again.pk},
        )
    return again


def due_deliveries(*, now: dt.datetime | None = None, limit: int = 200) -> list[int]:
    now = now or timezone.now()
    with scopes_disabled():
        return list(
            WebhookDelivery.objects.filter(
                state__in=(State.PENDING, State.RETRYING),
                next_attempt_at__lte=now,
                endpoint__is_active=True,
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
