"""Every message has a delivery record: the outbox, email over SMTP (transient errors retried,
final ones not), notify's event name, the database queue's deferred retry, the backoff."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from joud.core.messaging import send_email, send_sms
from joud.core.messaging.delivery import failed_count, mask, retry_delay
from joud.core.models import MessageDelivery, OutboxMessage
from joud.core.notify import SMS, Event, Recipient, notify
from joud.core.observability.metrics import MESSAGES_FAILED
from joud.core.tasks import send_email_task

pytestmark = pytest.mark.django_db
Status = MessageDelivery.Status
DUMMY_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
HERE = __name__


class DisconnectingSmtp(LocmemBackend):
    """The "smtp" mailer while the server drops the connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class GreylistingSmtp(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPSenderRefused(451, b"4.7.1 Greylisted, try again later", "no-reply@x")


class RefusingSmtp(LocmemBackend):
    def send_messages(self, messages):
        recipients = {to: (550, b"5.1.1 No such user") for m in messages for to in m.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


class BrokenGateway:
    """A third-party SMS backend failing in its own way: taken as transient."""

    def send(self, **message):
        raise KeyError("gateway-internal")


@pytest.fixture
def smtp(settings):
    def use(backend: str):
        settings.MAILERS = {
            "default": {"BACKEND": "joud.core.messaging.DjangoEmailToOutbox"},
            "smtp": {"BACKEND": backend},
        }

    settings.JOUD_EMAIL_BACKEND = "joud.core.messaging.SmtpEmailBackend"
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    return use


def test_the_demo_outbox_stays_the_default_and_records_each_message():
    delivery = send_sms(to="+96891234567", body="رمزك 123456", purpose="accounts.sign_in_code")
    row = OutboxMessage.objects.get()
    assert (row.to, row.body) == ("+96891234567", "رمزك 123456")
    delivery.refresh_from_db()
    assert (delivery.provider, delivery.status, delivery.attempts) == ("outbox", Status.SENT, 1)
    assert delivery.provider_message_id == str(row.pk)
    assert delivery.to == "+9689*****67"


def test_email_over_smtp_is_recorded_sent(smtp):
    smtp("django.core.mail.backends.locmem.EmailBackend")
    delivery = send_email(to="donor@example.om", subject="إيصال", body="شكراً")
    assert mail.outbox[0].to == ["donor@example.om"]
    delivery.refresh_from_db()
    assert (delivery.channel, delivery.provider, delivery.status) == ("email", "smtp", Status.SENT)
    assert delivery.to == "d***@example.om"


@pytest.mark.parametrize(
    ("backend", "error"),
    [
        ("DisconnectingSmtp", "smtp SMTPServerDisconnected"),
        ("GreylistingSmtp", "smtp 451 SMTPSenderRefused"),
    ],
)
def test_a_transient_smtp_error_is_retried_by_the_task_queue(smtp, backend, error):
    smtp(f"{HERE}.{backend}")
    delivery = send_email(to="donor@example.om", subject="إيصال", body="شكراً", html_body="<p>")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (Status.QUEUED, error)
    (retry,) = default_task_backend.results
    assert retry.task.func is send_email_task.func
    assert retry.kwargs == {
        "to": "donor@example.om",
        "subject": "إيصال",
        "body": "شكراً",
        "html_body": "<p>",
        "purpose": "",
        "delivery_id": delivery.pk,
    }
    smtp("django.core.mail.backends.locmem.EmailBackend")  # the server is back
    send_email_task.call(**retry.kwargs)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_a_refused_recipient_fails_without_a_retry(smtp):
    smtp(f"{HERE}.RefusingSmtp")
    delivery = send_email(to="nobody@example.om", subject="إيصال", body="شكراً")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (Status.FAILED, "smtp 550 recipient refused")
    assert default_task_backend.results == []


def test_an_unknown_failure_of_a_third_party_backend_is_retried(settings):
    settings.JOUD_SMS_BACKEND = f"{HERE}.BrokenGateway"
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    delivery = send_sms(to="+96891234567", body="مرحبا")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.provider, delivery.last_error) == (
        Status.QUEUED,
        "brokengateway",
        "KeyError",  # its type only: a third party's message may hold anything
    )
    assert len(default_task_backend.results) == 1


def test_notify_records_which_event_a_message_was_for(django_capture_on_commit_callbacks):
    declared = Event("tests.delivery_purpose", gettext_noop("Hello"), gettext_noop("Hi"), (SMS,))
    with django_capture_on_commit_callbacks(execute=True):
        notify(Recipient(phone="+96891234567"), declared)
    delivery = MessageDelivery.objects.get()
    assert (delivery.purpose, delivery.status) == ("tests.delivery_purpose", Status.SENT)


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_keeps_the_retry_until_it_is_due(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.JOUD_SMS_BACKEND = f"{HERE}.BrokenGateway"
    delivery = send_sms(to="+96891234567", body="مرحبا")
    (queued,) = DBTaskResult.objects.all()
    delivery.refresh_from_db()
    assert queued.run_after == delivery.next_attempt_at
    assert timezone.now() + dt.timedelta(seconds=20) < queued.run_after
    assert queued.args_kwargs["kwargs"]["delivery_id"] == delivery.pk


def test_the_wait_doubles_and_is_capped(settings):
    settings.JOUD_MESSAGING_RETRY_BASE_SECONDS = 30
    settings.JOUD_MESSAGING_RETRY_MAX_SECONDS = 300
    waits = [retry_delay(n).total_seconds() for n in range(1, 7)]
    assert waits == [30, 60, 120, 240, 300, 300]


def test_addresses_are_masked():
    assert mask("sms", "+96891234567") == "+9689*****67"
    assert mask("email", "fatma@example.om") == "f***@example.om"
    assert mask("sms", "123") == "***"


def test_failed_messages_are_counted_for_metrics(settings):
    settings.JOUD_SMS_BACKEND = f"{HERE}.BrokenGateway"
    settings.JOUD_MESSAGING_MAX_ATTEMPTS = 1
    send_sms(to="+96891234567", body="مرحبا")
    settings.JOUD_SMS_BACKEND = "outbox"
    send_sms(to="+96891234567", body="مرحبا")
    assert failed_count() == 1
    assert failed_count(since=timezone.now() + dt.timedelta(seconds=1)) == 0


def test_a_failed_message_moves_the_prometheus_counter(smtp):
    """The operator's alert: joud_messages_failed_total{channel} counts each final failure."""
    counter = MESSAGES_FAILED.labels("email")
    before = counter._value.get()
    smtp(f"{HERE}.RefusingSmtp")
    send_email(to="nobody@example.om", subject="s", body="b")
    assert counter._value.get() == before + 1
