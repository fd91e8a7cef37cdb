"""core.notify: one event, rendered in the reader's language, by the channels they have."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext_noop

from joud.core.models import OutboxMessage
from joud.core.notify import EMAIL, EVENTS, SMS, Recipient, event, notify, render
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# "Page not found" is in Django's own Arabic catalogue: a translation that exists without ours.
PLAIN = event("test.plain", subject=gettext_noop("Page not found"), body="%(code)s")
ONLY_EMAIL = event(
    "test.only_email",
    subject="Hello",
    body=lambda context: "lines: " + ", ".join(context["lines"]),
    channels=(EMAIL,),
)


def test_each_channel_the_reader_has_and_the_event_allows():
    both = Recipient(phone="+96890000001", email="a@example.om", language="en")
    assert [m.channel for m in render(both, PLAIN, {"code": 1})] == [SMS, EMAIL]
    assert [m.channel for m in render(both, ONLY_EMAIL, {"lines": ["x"]})] == [EMAIL]
    assert render(Recipient(phone="+96890000001"), ONLY_EMAIL, {"lines": []}) == []


def test_rendered_in_the_readers_language_not_the_senders():
    arabic = render(Recipient(email="a@example.om", language="ar"), PLAIN, {"code": 7})[0]
    english = render(Recipient(email="a@example.om", language="en"), PLAIN, {"code": 7})[0]
    assert english.subject == "Page not found"
    assert arabic.subject != english.subject and any(
        "\u0600" <= c <= "\u06ff" for c in arabic.subject
    )
    assert arabic.body == english.body == "7"


def test_callable_body_gets_the_context():
    (message,) = render(Recipient(email="a@example.om"), ONLY_EMAIL, {"lines": ["a", "b"]})
    assert message.body == "lines: a, b"


def test_deferred_waits_for_the_commit(django_capture_on_commit_callbacks):
    user = UserFactory(phone="+96890000002", email="b@example.om", language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(Recipient.of_user(user), PLAIN, {"code": 3})
    assert len(callbacks) == 2 and not OutboxMessage.objects.exists()
    for callback in callbacks:
        callback()
    assert sorted(OutboxMessage.objects.values_list("channel", "to")) == [
        ("email", "b@example.om"),
        ("sms", "+96890000002"),
    ]


def test_immediate_sends_now():
    notify(Recipient(phone="+96890000003"), PLAIN, {"code": 4}, deferred=False)
    assert OutboxMessage.objects.get().to == "+96890000003"


def test_an_event_is_declared_once():
    assert EVENTS["test.plain"] is PLAIN
    with pytest.raises(ValueError):
        event("test.plain", subject="x", body="y")
    with pytest.raises(ValueError):
        event("test.bad_channel", subject="x", body="y", channels=("fax",))
