"""The giving side of a volunteer's profile: their donations, read without importing donations.

Donations sits above volunteering, so volunteering may not import it: the model is looked up by
name through the app registry, and its fields are found by introspection rather than assumed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from joud.core.tenancy import scopes_disabled


@dataclass
class DonationSummary:
    count: int = 0
    dates: list[dt.date] = field(default_factory=list)


_DONATION_DONE_STATES = (
    "confirmed",
    "partially_refunded",
    "paid",
    "succeeded",
    "completed",
    "captured",
)


def donations_summary(user) -> DonationSummary:
    """``user``'s completed donations (none where the donations app is not installed)."""
    if user is None or not getattr(user, "pk", None) or not apps.is_installed("joud.donations"):
        return DonationSummary()
    try:
        model = apps.get_model("donations", "Donation")
    except LookupError:
        return DonationSummary()
    fields = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    donor_field = next(
        (
            name
            for name in ("donor", "user", "donor_user", "created_by")
            if name in fields
            and fields[name].is_relation
            and fields[name].related_model is user_model
        ),
        None,
    )
    if donor_field is None:
        return DonationSummary()
    manager = getattr(model, "unscoped", model._default_manager)
    with scopes_disabled():
        qs = manager.filter(**{donor_field: user})
        for state_field in ("state", "status"):
            if state_field in fields and fields[state_field].choices:
                values = {str(v) for v, _label in fields[state_field].choices}
                done = [s for s in _DONATION_DONE_STATES if s in values]
                if done:
                    qs = qs.filter(**{f"{state_field}__in": done})
                break
        date_field = next(
            (n for n in ("confirmed_at", "paid_at", "created_at") if n in fields), None
        )
        if date_field is None:
            return DonationSummary(count=qs.count())
        moments = list(qs.values_list(date_field, flat=True))
    dates = [
        (timezone.localtime(m).date() if isinstance(m, dt.datetime) else m) for m in moments if m
    ]
    return DonationSummary(count=len(moments), dates=dates)
