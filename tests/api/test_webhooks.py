"""Outgoing webhooks: events fanned out of the audit log (the confirmation never waits for
them), signed deliveries, retries with back-off for a day, giving up, switching off after
repeated failure with a message to the organization, and sending again."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
from django.utils import timezone

from joud.api.models import WebhookDelivery, WebhookEndpoint
from joud.api.tasks import webhooks_tick
from joud.api.webhooks import services, signing, transport
from joud.api.webhooks.services import BACKOFF, endpoint_create, webhooks_fan_out
from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.tenancy import scopes_disabled
from tests.api.conftest import bearer, make_token
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db
State = WebhookDelivery.State


class Receiver:
    """The organization's system: answers with ``statuses`` in turn, records what it got."""

    def __init__(self, *statuses):
        self.statuses = list(statuses) or [200]
        self.calls = []

    def __call__(self, url, body, headers):
        self.calls.append((url, body, headers))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        if status == "down":
            raise requests.ConnectionError("refused")
        return status, "ok" if status == 200 else "broken"


@pytest.fixture
def receiver(monkeypatch):
    def install(*statuses):
        fake = Receiver(*statuses)
        monkeypatch.setattr(services, "_post", fake)
        return fake

    return install


@pytest.fixture
def hooked(initiative):
    with scopes_disabled():
        endpoint, secret = endpoint_create(
            organization=initiative.organization,
            actor=None,
            url="https://books.example.om/joud",
            chosen=["donation.confirmed", "donation.refunded"],
        )
    return endpoint, secret


def _deliveries(**filters):
    with scopes_disabled():
        return list(WebhookDelivery.objects.filter(**filters).order_by("pk"))


def test_a_confirmed_gift_becomes_one_signed_delivery_on_either_path(
    engine, initiative, hooked, receiver
):
    endpoint, secret = hooked
    other = InitiativeFactory()  # another organization's gift: not this endpoint's business
    donation, attempt = make_donation(initiative=initiative, amount="7.250")
    pay(attempt)
    pay(make_donation(initiative=other)[1])
    # The confirmation wrote only its audit entry: no delivery exists until the fan-out runs.
    assert _deliveries() == []
    assert webhooks_fan_out() == 1
    assert webhooks_fan_out() == 0  # each audit entry is read once
    (delivery,) = _deliveries()
    assert delivery.event == "donation.confirmed" and delivery.endpoint_id == endpoint.pk
    got = receiver(200)
    services.webhook_attempt(delivery_id=delivery.pk)
    ((url, body, headers),) = got.calls
    assert url == "https://books.example.om/joud"
    payload = json.loads(body)
    assert payload["data"]["donation"] == donation.reference
    assert payload["data"]["amount"] == "7.250"
    assert payload["organization"] == initiative.organization.slug
    assert headers["Joud-Event"] == "donation.confirmed"
    now = int(timezone.now().timestamp())
    assert signing.verify(secret, headers["Joud-Signature"], body, now=now)
    assert not signing.verify(secret, headers["Joud-Signature"], body + b" ", now=now)
    assert not signing.verify("whsec_wrong", headers["Joud-Signature"], body, now=now)
    assert not signing.verify(secret, headers["Joud-Signature"], body, now=now + 3600)
    (delivery,) = _deliveries()
    assert delivery.state == State.DELIVERED and delivery.response_status == 200
    assert delivery.request_headers["Joud-Signature"] == headers["Joud-Signature"]


def test_an_event_the_endpoint_did_not_choose_is_not_sent(initiative, hooked):
    endpoint, _secret = hooked
    with scopes_disabled():
        endpoint.events = ["donation.refunded"]
        endpoint.save()
    pay(make_donation(initiative=initiative)[1])
    assert webhooks_fan_out() == 0


def test_failures_are_retried_with_back_off_for_about_a_day_then_given_up(
    initiative, hooked, receiver
):
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    (delivery,) = _deliveries()
    receiver(500, "down", 503)
    now = timezone.now()
    waits = []
    for _step in range(len(BACKOFF)):
        done = services.webhook_attempt(delivery_id=delivery.pk, now=now)
        assert done.state == State.RETRYING
        waits.append(done.next_attempt_at - now)
        # Not due yet: a second worker picking it up early does nothing.
        assert services.webhook_attempt(delivery_id=delivery.pk, now=now) is None
        now = done.next_attempt_at
    assert waits == list(BACKOFF)
    assert dt.timedelta(hours=20) < sum(BACKOFF, dt.timedelta()) < dt.timedelta(hours=25)
    last = services.webhook_attempt(delivery_id=delivery.pk, now=now)
    assert last.state == State.FAILED and last.attempts == len(BACKOFF) + 1
    assert last.response_status == 503 and last.response_body == "broken"
    with scopes_disabled():
        assert WebhookEndpoint.objects.get().failures == 1


def test_a_success_after_failures_resets_the_count(initiative, hooked, receiver):
    endpoint, _secret = hooked
    with scopes_disabled():
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failures=2)
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    receiver(200)
    services.webhook_attempt(delivery_id=_deliveries()[0].pk)
    with scopes_disabled():
        assert WebhookEndpoint.objects.get().failures == 0


def _give_up(delivery, now):
    for _ in range(len(BACKOFF) + 1):
        done = services.webhook_attempt(delivery_id=delivery.pk, now=now)
        now = (done.next_attempt_at or now) if done else now
    return now


def test_repeated_failure_switches_the_endpoint_off_and_tells_the_admin(
    initiative, hooked, receiver, settings, django_capture_on_commit_callbacks
):
    settings.JOUD_WEBHOOK_DISABLE_AFTER = 2
    admin = MembershipFactory(organization=initiative.organization, role="admin").user
    receiver("down")
    pay(make_donation(initiative=initiative)[1])
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    first, second = _deliveries()
    now = _give_up(first, timezone.now())
    with scopes_disabled():
        assert WebhookEndpoint.objects.get().is_active
    with django_capture_on_commit_callbacks(execute=True):
        _give_up(second, now)
    with scopes_disabled():
        endpoint = WebhookEndpoint.objects.get()
        assert not endpoint.is_active and endpoint.disabled_at is not None
    assert AuditLogEntry.objects.filter(action="joud.webhook.auto_disabled").exists()
    assert OutboxMessage.objects.filter(to=admin.email, body__contains=endpoint.url).exists()
    # Switched off: new events are not fanned out to it.
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    assert len(_deliveries()) == 2


def test_send_again_from_the_dashboard_posts_the_same_event_freshly_signed(
    client, initiative, hooked, receiver
):
    endpoint, secret = hooked
    admin = MembershipFactory(organization=initiative.organization, role="admin").user
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    (original,) = _deliveries()
    got = receiver(200)
    services.webhook_attempt(delivery_id=original.pk)
    login_with_totp(client, admin)
    response = client.post(f"/org/api/webhooks/{endpoint.pk}/deliveries/{original.pk}/again/")
    assert response.status_code == 302 and response["Location"].endswith(f"/{endpoint.pk}/")
    again = _deliveries()[-1]
    assert again.pk != original.pk and again.event_id == original.event_id
    assert again.payload == original.payload and again.state == State.PENDING
    services.webhook_attempt(delivery_id=again.pk)
    assert len(got.calls) == 2 and got.calls[0][1] == got.calls[1][1]
    assert got.calls[1][2]["Joud-Delivery"] == str(again.pk)


def test_send_again_through_the_api_is_idempotent(client, initiative, hooked):
    endpoint, _secret = hooked
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    (original,) = _deliveries()
    raw = make_token(initiative.organization, ["webhooks:write"])
    path = f"/api/v1/org/webhooks/{endpoint.pk}/deliveries/{original.pk}/again"
    for _ in range(2):
        response = client.post(path, HTTP_IDEMPOTENCY_KEY="again-1", **bearer(raw))
        assert response.status_code == 202
    assert len(_deliveries()) == 2
    log = client.get(f"/api/v1/org/webhooks/{endpoint.pk}/deliveries", **bearer(raw)).json()
    assert [d["event_id"] for d in log["items"]] == [original.event_id] * 2


def test_the_periodic_job_fans_out_and_delivers(initiative, hooked, receiver):
    got = receiver(200)
    pay(make_donation(initiative=initiative)[1])
    webhooks_tick.enqueue()  # the immediate backend of the tests runs it, and the deliveries
    assert len(got.calls) == 1
    assert _deliveries()[0].state == State.DELIVERED


def test_an_endpoint_gets_no_event_from_before_it_existed(initiative):
    pay(make_donation(initiative=initiative)[1])
    AuditLogEntry.objects.filter(action="joud.payment.confirmed").update(
        created_at=timezone.now() - dt.timedelta(minutes=5)
    )
    with scopes_disabled():
        endpoint_create(
            organization=initiative.organization,
            actor=None,
            url="https://late.example.om/h",
            chosen=["donation.confirmed"],
        )
    assert webhooks_fan_out() == 0


def test_the_fan_out_reads_window_by_window_until_it_catches_up(initiative, hooked):
    for _ in range(3):
        pay(make_donation(initiative=initiative)[1])
    steps = [webhooks_fan_out(window=3) for _ in range(AuditLogEntry.objects.count())]
    assert sum(steps) == 3 and len(_deliveries()) == 3
    assert services.webhooks_catch_up() == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://localhost/hook",
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:192.168.1.1]/hook",
        "https://db.internal/hook",
    ],
)
def test_an_address_on_an_internal_network_is_refused(initiative, url):
    from joud.core.errors import BusinessError

    with scopes_disabled(), pytest.raises(BusinessError) as refused:
        endpoint_create(
            organization=initiative.organization, actor=None, url=url, chosen=["donation.confirmed"]
        )
    assert refused.value.code == "bad_url"


def test_a_name_that_resolves_inside_is_never_posted_to(monkeypatch):
    """Checked at every delivery: a public-looking name that now points inside gets nothing."""
    monkeypatch.setattr(
        transport.socket,
        "getaddrinfo",
        lambda host, port, **kw: [(2, 1, 6, "", ("10.1.2.3", port))],
    )
    opened = []
    monkeypatch.setattr(transport, "_pool", lambda target: opened.append(target))
    with pytest.raises(transport.BlockedAddress):
        services._post("https://books.example.om/joud", b"{}", {})
    assert opened == []
