"""Sending SMS and email: pluggable backends, a delivery record for each message, retries.

Settings ``JOUD_SMS_BACKEND`` and ``JOUD_EMAIL_BACKEND`` name a backend class (or an alias:
``outbox``, ``smtp``, ``twilio``, ``http``). The demo's ``OutboxBackend`` stores each message for
the developer outbox page (/dev/outbox/); production sends SMS through Twilio or a generic HTTP
gateway and email through SMTP. ``send_sms``/``send_email`` record a ``MessageDelivery``, make one
attempt and leave retries to the task queue (``joud.core.messaging.delivery``).
"""

from joud.core.messaging.backends import (
    SMTP_MAILER,
    DjangoEmailToOutbox,
    OutboxBackend,
    PermanentSendError,
    SendResult,
    SmtpEmailBackend,
    TransientSendError,
)
from joud.core.messaging.delivery import deliver, record_status, send_email, send_sms
from joud.core.messaging.http_sms import HttpSmsBackend
from joud.core.messaging.twilio_sms import TwilioSmsBackend

__all__ = [
    "SMTP_MAILER",
    "DjangoEmailToOutbox",
    "HttpSmsBackend",
    "OutboxBackend",
    "PermanentSendError",
    "SendResult",
    "SmtpEmailBackend",
    "TransientSendError",
    "TwilioSmsBackend",
    "deliver",
    "record_status",
    "send_email",
    "send_sms",
]
