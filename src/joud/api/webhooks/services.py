"""Webhooks: endpoints (create, switch on and off), the fan-out from the audit log, one delivery
attempt with its back-off, giving up, disabling after repeated failure, and sending again."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.api.models import WebhookCursor, WebhookDelivery, WebhookEndpoint
from joud.api.notifications import tell_admins_webhook_disabled
from joud.api.webhooks import events, signing, transport
from joud.core import crypto
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled

State = WebhookDelivery.State
# Waits before each retry: about a day in all (1 m, 5 m, 15 m, 1 h, 3 h, 6 h, 12 h).
BACKOFF = tuple(dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720))
# An attempt in flight holds its delivery this long (the POST's timeout, with room): another
# worker does not pick it up meanwhile, and takes it over if this one died.
LEASE = dt.timedelta(seconds=transport.TIMEOUT_SECONDS * 6)
FANOUT_WINDOW = 5000  # audit ids read per step


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
    host = urlsplit(url).hostname or ""
    if transport.internal_host(host) or any(
        transport.internal_ip(ip) for ip in transport.literal_ips(host)
    ):
        raise BusinessError(
            _("A webhook address must be on the public internet, not an internal network."),
            code="bad_url",
            field="url",
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


def webhooks_fan_out(*, window: int = FANOUT_WINDOW) -> int:
    """Read the audit log past the cursor, one window of ids, and queue a delivery for each
    subscribed endpoint; returns how many were queued.

    Runs as a periodic job (never in the request that made the change). The cursor row is locked
    so two workers never read the same entries; one delivery per (endpoint, entry) at most; an
    endpoint gets only events from after it was created. Only the listed actions of
    organizations with an active endpoint are read, so a night of confirmations for others
    costs one index range scan per window.
    """
    created = []
    with transaction.atomic(), scopes_disabled():
        cursor, new = WebhookCursor.objects.select_for_update().get_or_create(pk=1)
        newest = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        endpoints: dict[int, list[WebhookEndpoint]] = {}
        for endpoint in WebhookEndpoint.objects.filter(is_active=True):
            endpoints.setdefault(endpoint.organization_id, []).append(endpoint)
        if new or not endpoints:  # nothing before the first endpoint is anyone's business
            cursor.last_entry_id = max(cursor.last_entry_id, _start(endpoints, newest))
        if newest <= cursor.last_entry_id:
            cursor.save(update_fields=["last_entry_id"])
            return 0
        upper = min(newest, cursor.last_entry_id + window)
        entries = (
            AuditLogEntry.objects.filter(
                pk__gt=cursor.last_entry_id,
                pk__lte=upper,
                action__in=list(events.ACTIONS),
                organization_id__in=list(endpoints),
            )
            .select_related("organization")
            .order_by("pk")
            if endpoints
            else []
        )
        for entry in entries:
            name = events.ACTIONS[entry.action]
            for endpoint in endpoints[entry.organization_id]:
                if name not in endpoint.events or entry.created_at < endpoint.created_at:
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
        cursor.last_entry_id = upper
        cursor.save(update_fields=["last_entry_id"])
    return len(created)


def _start(endpoints: dict, newest: int) -> int:
    """Where reading starts: just before the oldest active endpoint was made."""
    if not endpoints:
        return newest
    oldest = min(e.created_at for group in endpoints.values() for e in group)
    before = AuditLogEntry.objects.filter(created_at__lt=oldest).order_by("-pk")
    found = before.values_list("pk", flat=True).first()
    if found is None:  # the whole log is newer: start before its first entry
        first = AuditLogEntry.objects.order_by("pk").values_list("pk", flat=True).first()
        found = (first or 1) - 1
    return found


def webhooks_catch_up(*, seconds: float = 10.0) -> int:
    """Fan out window after window until the cursor reaches the log's end (or time is up)."""
    deadline, total = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        before = _cursor_position()
        total += webhooks_fan_out()
        if _cursor_position() == before:
            break
    return total


def _cursor_position() -> int:
    return WebhookCursor.objects.values_list("last_entry_id", flat=True).first() or 0


# --- delivery -------------------------------------------------------------------------------


def _post(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    """One HTTP POST to the address, pinned to the address its name resolved to and was checked
    at (the tests replace this; the network is closed there)."""
    return transport.post(url, body, headers)


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
    back-off step, and after the last one give up (and count it against the endpoint).

    The delivery is claimed (a short lease) in one transaction and the result recorded in
    another: the POST itself holds no lock and no transaction, however slow the receiver."""
    now = now or timezone.now()
    lease_until = now + LEASE
    delivery = _claim(delivery_id, now, lease_until)
    if delivery is None or not delivery.endpoint.is_active:
        return delivery
    body, headers = _signed(delivery, crypto.decrypt(delivery.endpoint.secret), now)
    try:
        status, text = _post(delivery.endpoint.url, body, headers)
        error = "" if 200 <= status < 300 else f"HTTP {status}"
    except requests.RequestException as exc:
        status, text, error = None, "", type(exc).__name__
    return _record(delivery.pk, lease_until, now, headers, status, text, error)


def _claim(delivery_id: int, now: dt.datetime, lease_until: dt.datetime):
    with transaction.atomic(), scopes_disabled():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(
                pk=delivery_id,
                state__in=(State.PENDING, State.RETRYING),
                next_attempt_at__lte=now,
            )
            .first()
        )
        if delivery is not None and delivery.endpoint.is_active:
            delivery.next_attempt_at = lease_until
            delivery.save(update_fields=["next_attempt_at", "updated_at"])
    return delivery


def _record(delivery_id, lease_until, now, headers, status, text, error) -> WebhookDelivery:
    with transaction.atomic(), scopes_disabled():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.next_attempt_at != lease_until:
            return delivery  # the lease ran out and another worker took the delivery over
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
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
