"""Whether this session passed two-factor: allauth's authentication records, kept in the session.

allauth appends ``{"method": "mfa", ...}`` to the session's records when a TOTP or recovery
code is accepted (at sign-in or when re-confirming); having an authenticator is not enough,
since the admin's own login or a forced login never passes that step.
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication  # internal: keeps owner too
from allauth.mfa.models import Authenticator

# Set when TOTP is activated in this session: entering the new app's code proves it. Kept apart
# from allauth's records, whose last entry the account adapter reads as the sign-in time.
_ACTIVATED_KEY = "joud_totp_activated_by"


def session_passed_two_factor(request, user) -> bool:
    if request.session.get(_ACTIVATED_KEY) == str(user.pk):
        return True
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def record_activation(request, user) -> None:
    request.session[_ACTIVATED_KEY] = str(user.pk)


def record_two_factor(request, user, authenticator: Authenticator) -> None:
    """Mark the session as having passed two-factor with ``authenticator``, as allauth does."""
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def totp_authenticator(user) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
