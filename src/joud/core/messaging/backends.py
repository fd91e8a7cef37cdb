"""The sender interface, and the senders that need no gateway: the demo's outbox and SMTP.

A backend is a class with a ``provider`` name and
``send(*, channel, to, subject, body, html_body) -> SendResult | None``. It raises
``TransientSendError`` when trying again later may work (network, timeout, 5xx, 429, SMTP 4xx)
and ``PermanentSendError`` when it cannot (an invalid number, a refused address); anything else
it raises is taken as transient. ``joud.core.messaging.delivery`` records and retries.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

from joud.core.models import MessageDelivery, OutboxMessage

logger = logging.getLogger("joud.core.messaging")
SMTP_MAILER = "smtp"  # the MAILERS alias joud.settings.hardened builds from EMAIL_URL

# Short names an operator may give JOUD_SMS_BACKEND / JOUD_EMAIL_BACKEND instead of a path.
ALIASES = {
    "outbox": "joud.core.messaging.OutboxBackend",
    "smtp": "joud.core.messaging.SmtpEmailBackend",
    "twilio": "joud.core.messaging.TwilioSmsBackend",
    "http": "joud.core.messaging.HttpSmsBackend",
}


@dataclass(frozen=True)
class SendResult:
    """What a backend knows once the message left: the provider's id and its first status."""

    message_id: str = ""
    status: str = MessageDelivery.Status.SENT


class SendError(Exception):
    """A send that failed. ``str()`` is a generic reason: no secret, no address, no text."""


class TransientSendError(SendError):
    """Trying again later may work."""


class PermanentSendError(SendError):
    """Trying again cannot work."""


def backend_for(channel: str):
    setting = "JOUD_SMS_BACKEND" if channel == "sms" else "JOUD_EMAIL_BACKEND"
    path = getattr(settings, setting)
    return import_string(ALIASES.get(path, path))()


def provider_name(backend) -> str:
    return getattr(backend, "provider", "") or type(backend).__name__.lower()[:40]


class OutboxBackend:
    """The demo's sender: every message lands on the developer outbox page (/dev/outbox/)."""

    provider = "outbox"

    def send(self, *, channel: str, to: str, subject: str = "", body: str, html_body: str = ""):
        row = OutboxMessage.objects.create(
            channel=channel, to=to, subject=subject[:255], body=body, html_body=html_body
        )
        logger.info("outbox %s to %s: %s", channel, to, subject or body[:60])
        return SendResult(message_id=str(row.pk))


class SmtpEmailBackend:
    """Real email through the "smtp" mailer (configured from EMAIL_URL by the production profile)."""

    provider = "smtp"

    def send(self, *, channel: str, to: str, subject: str = "", body: str, html_body: str = ""):
        msg = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        if html_body:
            msg.attach_alternative(html_body, "text/html")
        try:
            msg.send(using=SMTP_MAILER)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _msg in exc.recipients.values()]
            raise _smtp_error("recipient refused", min(codes, default=550)) from exc
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, auth…
            raise _smtp_error(type(exc).__name__, exc.smtp_code) from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:  # disconnected, refused
            raise TransientSendError(f"smtp {type(exc).__name__}") from exc
        return SendResult(message_id=msg.extra_headers.get("Message-ID", ""))


def _smtp_error(reason: str, code: int) -> SendError:
    # SMTP's 4xx replies ask to try again later; 5xx are final.
    kind = TransientSendError if 400 <= code < 500 else PermanentSendError
    return kind(f"smtp {code} {reason}")


class DjangoEmailToOutbox(BaseEmailBackend):
    """Django's EMAIL_BACKEND (used by allauth) routed through the Joud email backend."""

    def send_messages(self, email_messages):
        from joud.core.messaging.delivery import send_email

        sent = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            for recipient in message.recipients():
                send_email(to=recipient, subject=message.subject, body=message.body, html_body=html)
                sent += 1
        return sent
