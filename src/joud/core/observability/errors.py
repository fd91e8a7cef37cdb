"""Error reporting to Sentry (or any service speaking its protocol: GlitchTip, self-hosted
Sentry), off unless ``SENTRY_DSN`` is set.

Nothing personal leaves: no user details, cookies or IP addresses (Sentry's default: ``send_default_pii`` off),
no request bodies (the case forms carry beneficiaries' civil IDs, phones and incomes), no query
strings (searches), no frames' local variables (a decrypted identifier may sit in one), no
database breadcrumbs' parameters, and any remaining field named like a beneficiary's data or a
secret is masked wherever it appears.
"""

from __future__ import annotations

from typing import Any

# Field names whose values are masked anywhere in an event, beside Sentry's own list (passwords,
# tokens, cookies, …): beneficiaries' data (joud.beneficiaries.models) and donors' contacts.
PERSONAL_FIELDS = [
    "civil_id",
    "national_id",
    "phone",
    "mobile",
    "email",
    "donor_phone",
    "donor_email",
    "donor_name",
    "name",
    "full_name",
    "first_name",
    "last_name",
    "family_name",
    "monthly_income",
    "income",
    "birth_date",
    "date_of_birth",
    "address",
    "iban",
    "code",
    "otp",
    "totp",
    "key",
]


def _before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        for field in ("data", "query_string", "cookies", "env"):
            request.pop(field, None)
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return event


def _before_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    crumb.pop("data", None)  # SQL parameters, HTTP bodies' details
    return crumb


def init_error_reporting(
    *,
    dsn: str,
    environment: str = "production",
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    transport: Any = None,
) -> bool:
    """Start reporting to ``dsn``; without a DSN do nothing and return False."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        # send_default_pii stays unset: False by default, and setting it is deprecated in 2.7x.
        include_local_variables=False,
        max_request_body_size="never",
        event_scrubber=EventScrubber(denylist=DEFAULT_DENYLIST + PERSONAL_FIELDS, recursive=True),
        before_send=_before_send,
        before_breadcrumb=_before_breadcrumb,
        traces_sample_rate=traces_sample_rate,
        transport=transport,
    )
    return True
