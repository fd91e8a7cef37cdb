"""The one way Joud tells people something: an event's message, in the reader's language, by
the channels the event allows and the reader has (SMS, email).

Each app declares its events once, in its own ``notifications.py``::

    LICENCE_APPROVED = event(
        "ministry.licence_approved",
        subject=gettext_noop("Joud: licence approved"),
        body=gettext_noop("%(organization)s: the ministry approved your licence."),
        channels=(EMAIL,),
    )

and sends with ``notify(Recipient.of_user(user), LICENCE_APPROVED, {"organization": ...})``.
A subject or body is either a ``gettext_noop`` source with ``%(name)s`` placeholders or a
callable taking the context and returning text (for messages with optional lines); both are
rendered inside the reader's language, never the sender's. Where the messages go is the
messaging backends' business (``core.messaging``): the outbox in the demo, SMS/SMTP in
production.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from joud.core.messaging import send_email, send_sms
from joud.core.tasks import send_email_task, send_sms_task

SMS = "sms"
EMAIL = "email"

# What a message is for. A ``SERVICE`` message belongs to something the person did or asked for
# (a code, a receipt, a shift); an ``UPDATE`` (news, newsletters, appeals) rests on consent:
# every registered gate must let it through (``joud.privacy`` registers the consent check).
SERVICE = "service"
UPDATE = "update"

Text = str | Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class Event:
    name: str
    subject: Text
    body: Text
    channels: tuple[str, ...] = (SMS, EMAIL)
    kind: str = SERVICE


EVENTS: dict[str, Event] = {}


def event(
    name: str,
    *,
    subject: Text,
    body: Text,
    channels: tuple[str, ...] = (SMS, EMAIL),
    kind: str = SERVICE,
) -> Event:
    """Declare a kind of message once; the name is unique across the platform."""
    if name in EVENTS:
        raise ValueError(f"notification event {name!r} is declared twice")
    unknown = set(channels) - {SMS, EMAIL}
    if unknown or not channels:
        raise ValueError(f"notification event {name!r}: unknown channels {sorted(unknown)}")
    if kind not in (SERVICE, UPDATE):
        raise ValueError(f"notification event {name!r}: unknown kind {kind!r}")
    EVENTS[name] = declared = Event(name, subject, body, tuple(channels), kind)
    return declared


Gate = Callable[["Recipient", Event], bool]
GATES: list[Gate] = []


def register_gate(gate: Gate) -> Gate:
    """Add a check every ``UPDATE`` must pass (an app above core registers it once, at start)."""
    if gate not in GATES:
        GATES.append(gate)
    return gate


def allowed(recipient: Recipient, declared: Event) -> bool:
    """May ``declared`` be sent to ``recipient``? Service messages always; updates only when
    every gate agrees, and never when no gate is registered (no consent check, no update)."""
    if declared.kind == SERVICE:
        return True
    return bool(GATES) and all(gate(recipient, declared) for gate in GATES)


@dataclass(frozen=True)
class Recipient:
    phone: str = ""
    email: str = ""
    language: str = "ar"
    user_id: int | None = None

    @classmethod
    def of_user(cls, user) -> Recipient:
        return cls(
            phone=getattr(user, "phone", "") or "",
            email=getattr(user, "email", "") or "",
            language=getattr(user, "language", "") or "ar",
            user_id=getattr(user, "pk", None),
        )


@dataclass(frozen=True)
class Message:
    channel: str
    to: str
    subject: str
    body: str


def _text(text: Text, context: Mapping[str, Any]) -> str:
    if callable(text):
        return str(text(context))
    translated = gettext(text)
    return translated % {k: str(v) for k, v in context.items()} if context else translated


def render(recipient: Recipient, declared: Event, context: Mapping[str, Any] | None = None):
    """The messages ``notify`` would send: one per channel the event allows and the reader has."""
    context = context or {}
    with translation.override(recipient.language or "ar"):
        subject, body = _text(declared.subject, context), _text(declared.body, context)
    addresses = {SMS: recipient.phone, EMAIL: recipient.email}
    return [
        Message(channel, addresses[channel], subject, body)
        for channel in declared.channels
        if addresses[channel]
    ]


def notify(
    recipient: Recipient,
    declared: Event,
    context: Mapping[str, Any] | None = None,
    *,
    deferred: bool = True,
) -> list[Message]:
    """Tell ``recipient`` about ``declared`` and return what was (or will be) sent.

    ``deferred`` (the default, for code inside a request or transaction): each message is queued
    as a background task once the transaction commits, so nothing leaves for rolled-back work and
    no request waits for an SMS gateway. ``deferred=False`` sends now (for code that already runs
    in a background task). An update the person has not consented to is not sent (``allowed``).
    """
    if not allowed(recipient, declared):
        return []
    messages = render(recipient, declared, context)
    for message in messages:
        if deferred:
            transaction.on_commit(lambda m=message: _enqueue(m, declared.name))
        else:
            _send(message, declared.name)
    return messages


# The event's name travels with each message: its delivery record says what it was for.
def _enqueue(message: Message, purpose: str) -> None:
    if message.channel == SMS:
        send_sms_task.enqueue(to=message.to, body=message.body, purpose=purpose)
    else:
        send_email_task.enqueue(
            to=message.to, subject=message.subject, body=message.body, purpose=purpose
        )


def _send(message: Message, purpose: str) -> None:
    if message.channel == SMS:
        send_sms(to=message.to, body=message.body, purpose=purpose)
    else:
        send_email(to=message.to, subject=message.subject, body=message.body, purpose=purpose)
