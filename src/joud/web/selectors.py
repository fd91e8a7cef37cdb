"""Reads for the public pages and consoles. Callers decide the tenancy scope."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.organizations.models import Organization


def live_initiatives():
    return Initiative.objects.filter(
        state=Initiative.State.LIVE, organization__status=Organization.Status.ACTIVE
    ).select_related("organization")


def home_page() -> dict:
    live = live_initiatives()
    return {
        "urgent": list(live.filter(is_urgent=True)[:6]),
        "featured": list(live.filter(is_featured=True)[:6]),
        "latest": list(live[:9]),
        "counters": {
            "initiatives": live.count(),
            "organizations": Organization.objects.filter(status=Organization.Status.ACTIVE).count(),
        },
    }


def verify_code(code: str) -> dict:
    """What the public sees when it checks an appeal's code."""
    from joud.core.tenancy import scopes_disabled

    with scopes_disabled():
        initiative = (
            Initiative.objects.filter(public_code=code).select_related("organization").first()
        )
    if initiative is None:
        return {"status": "unknown"}
    if initiative.state == Initiative.State.SUSPENDED or not initiative.organization.is_licensed:
        return {"status": "suspended", "initiative": initiative}
    if initiative.state in (Initiative.State.APPROVED, Initiative.State.LIVE):
        if initiative.ends_on and initiative.ends_on < timezone.localdate():
            return {"status": "expired", "initiative": initiative}
        return {"status": "licensed", "initiative": initiative}
    if initiative.state in (
        Initiative.State.ENDED,
        Initiative.State.REPORTED,
        Initiative.State.CLOSED,
    ):
        return {"status": "expired", "initiative": initiative}
    return {"status": "not_licensed", "initiative": initiative}


def national_counters() -> dict:
    by_status = dict(Organization.objects.values_list("status").annotate(n=Count("id")).order_by())
    by_state = dict(Initiative.objects.values_list("state").annotate(n=Count("id")).order_by())
    return {"organizations_by_status": by_status, "initiatives_by_state": by_state}
