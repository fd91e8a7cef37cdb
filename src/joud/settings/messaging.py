"""Real SMS gateways, delivery records and retries (``joud.core.messaging``), read from the env.

``JOUD_SMS_BACKEND`` (in ``base``) picks the gateway: the demo's outbox, ``twilio`` (the official
SDK) or ``http`` (a generic HTTP gateway for Omani aggregators, described by the variables
below). Production refuses a gateway whose credentials are missing (``joud.settings.guard``).
"""

import environ

_env = environ.Env()

# Twilio: an account SID and auth token, and either a sender number or a messaging service.
TWILIO_ACCOUNT_SID = _env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = _env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM = _env.str("TWILIO_FROM", default="")
TWILIO_MESSAGING_SERVICE_SID = _env.str("TWILIO_MESSAGING_SERVICE_SID", default="")
# Twilio reports delivery to JOUD_SITE_URL + /messaging/status/twilio/ (signed; checked).
TWILIO_STATUS_CALLBACK = _env.bool("TWILIO_STATUS_CALLBACK", default=True)
TWILIO_TIMEOUT = _env.float("TWILIO_TIMEOUT", default=10.0)

# A generic HTTP gateway. The body template's {to}, {body} and {sender} are replaced with the
# values escaped for the content type: "form" (url-encoded), "json" (inside JSON strings) or,
# with the GET method, the query string.
JOUD_SMS_HTTP_URL = _env.str("JOUD_SMS_HTTP_URL", default="")
JOUD_SMS_HTTP_METHOD = _env.str("JOUD_SMS_HTTP_METHOD", default="POST")
JOUD_SMS_HTTP_CONTENT_TYPE = _env.str("JOUD_SMS_HTTP_CONTENT_TYPE", default="form")
JOUD_SMS_HTTP_BODY_TEMPLATE = _env.str(
    "JOUD_SMS_HTTP_BODY_TEMPLATE", default="to={to}&text={body}&sender={sender}"
)
# One header carrying the credentials, "Name: value" (e.g. "Authorization: Bearer …").
JOUD_SMS_HTTP_AUTH_HEADER = _env.str("JOUD_SMS_HTTP_AUTH_HEADER", default="")
JOUD_SMS_HTTP_SENDER = _env.str("JOUD_SMS_HTTP_SENDER", default="")
# Success: a 2xx answer and, when a path is set, the JSON value at that dotted path equal to
# JOUD_SMS_HTTP_SUCCESS_VALUE. The gateway's message id is read at JOUD_SMS_HTTP_MESSAGE_ID_PATH.
JOUD_SMS_HTTP_SUCCESS_PATH = _env.str("JOUD_SMS_HTTP_SUCCESS_PATH", default="")
JOUD_SMS_HTTP_SUCCESS_VALUE = _env.str("JOUD_SMS_HTTP_SUCCESS_VALUE", default="")
JOUD_SMS_HTTP_MESSAGE_ID_PATH = _env.str("JOUD_SMS_HTTP_MESSAGE_ID_PATH", default="")
JOUD_SMS_HTTP_TIMEOUT = _env.float("JOUD_SMS_HTTP_TIMEOUT", default=10.0)
# Optional delivery reports: when a secret is set, /messaging/status/http/?token=<secret>
# accepts the gateway's reports (GET or POST, form or JSON) naming the message id and a status
# mapped by JOUD_SMS_HTTP_CALLBACK_STATUSES ("DELIVRD=delivered,UNDELIV=undelivered,…").
JOUD_SMS_HTTP_CALLBACK_SECRET = _env.str("JOUD_SMS_HTTP_CALLBACK_SECRET", default="")
JOUD_SMS_HTTP_CALLBACK_ID_FIELD = _env.str("JOUD_SMS_HTTP_CALLBACK_ID_FIELD", default="message_id")
JOUD_SMS_HTTP_CALLBACK_STATUS_FIELD = _env.str(
    "JOUD_SMS_HTTP_CALLBACK_STATUS_FIELD", default="status"
)
JOUD_SMS_HTTP_CALLBACK_STATUSES = _env.dict(
    "JOUD_SMS_HTTP_CALLBACK_STATUSES",
    default={
        "DELIVRD": "delivered",
        "DELIVERED": "delivered",
        "UNDELIV": "undelivered",
        "EXPIRED": "undelivered",
        "REJECTD": "failed",
        "FAILED": "failed",
    },
)

# Retries: a transient failure (network, timeout, 5xx, 429, SMTP 4xx) is sent again by the task
# queue after base × 2^(attempt-1) seconds (capped), up to this many attempts in all.
JOUD_MESSAGING_MAX_ATTEMPTS = _env.int("JOUD_MESSAGING_MAX_ATTEMPTS", default=5)
JOUD_MESSAGING_RETRY_BASE_SECONDS = _env.int("JOUD_MESSAGING_RETRY_BASE_SECONDS", default=30)
JOUD_MESSAGING_RETRY_MAX_SECONDS = _env.int("JOUD_MESSAGING_RETRY_MAX_SECONDS", default=3600)
