"""Which audit entries become which webhook events, and what each event says.

The audit log is the loose hook: every state change of the platform is written there by its own
service (the fast confirmation path included, by SQL), so webhooks are fanned out from it after
the fact and never slow or block the change itself. An event carries references and amounts,
never a person's details.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models import Case
from joud.campaigns.models import Initiative
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement
from joud.donations.models import PaymentAttempt, Refund

# audit action -> webhook event
ACTIONS = {
    "joud.payment.confirmed": "donation.confirmed",
    "joud.refund.done": "donation.refunded",
    "joud.disbursement.approved": "disbursement.approved",
    "joud.disbursement.ministry_approved": "disbursement.approved",
    "joud.initiative.approved": "initiative.approved",
    "joud.initiative.suspended": "initiative.suspended",
    "joud.case.decided": "case.decided",
    "joud.volunteering.hours_approved": "volunteer_hours.approved",
}
EVENTS = {
    "donation.confirmed": _("A donation is confirmed"),
    "donation.refunded": _("A donation is refunded"),
    "disbursement.approved": _("A payment out is approved"),
    "initiative.approved": _("An initiative is approved"),
    "initiative.suspended": _("An initiative is suspended"),
    "case.decided": _("A case is decided"),
    "volunteer_hours.approved": _("Volunteer hours are approved"),
}
# The audit data an event may pass on (never a free-text reason or a name).
_KEPT = ("amount", "currency", "outcome", "from", "to", "approved", "recorded", "donation")


def _reference(entry: AuditLogEntry) -> dict:
    """The public reference of the object the entry is about."""
    model = {
        "donations.paymentattempt": PaymentAttempt,
        "donations.refund": Refund,
        "disbursements.disbursement": Disbursement,
        "campaigns.initiative": Initiative,
        "beneficiaries.case": Case,
    }.get(entry.object_type)
    if model is None or not entry.object_id.isdigit():
        return {}
    with scopes_disabled():
        obj = model._base_manager.filter(pk=int(entry.object_id)).first()
    if obj is None:
        return {}
    if entry.object_type == "donations.paymentattempt":
        donation = obj.donation
        return {
            "payment": obj.reference,
            "donation": donation.reference,
            "initiative": donation.initiative.public_code if donation.initiative_id else None,
        }
    if entry.object_type == "campaigns.initiative":
        return {"initiative": obj.public_code}
    return {"reference": getattr(obj, "reference", "")}


def payload(entry: AuditLogEntry, event: str, event_id: str) -> dict:
    kept = {k: v for k, v in (entry.data or {}).items() if k in _KEPT}
    return {
        "id": event_id,
        "event": event,
        "created_at": entry.created_at.isoformat(),
        "organization": entry.organization.slug if entry.organization_id else None,
        "data": {"object": entry.object_type, **kept, **_reference(entry)},
    }
