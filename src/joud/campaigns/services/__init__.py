"""Initiatives' writes: their life cycle (``lifecycle``) and the organization's drafting
(``drafting``)."""

from joud.campaigns.services.drafting import (
    EDITABLE_FIELDS,
    initiative_create,
    initiative_edit,
    initiative_end_early,
    initiative_post_update,
    initiative_rule_problems,
    initiative_set_cover,
    initiative_submit,
    initiative_submit_report,
)
from joud.campaigns.services.lifecycle import (
    INITIATIVE_TRANSITIONS,
    INITIATIVE_WORKFLOW,
    initiative_transition,
    initiatives_advance,
    organization_refresh_overdue_flag,
)

__all__ = [
    "EDITABLE_FIELDS",
    "INITIATIVE_TRANSITIONS",
    "INITIATIVE_WORKFLOW",
    "initiative_create",
    "initiative_edit",
    "initiative_end_early",
    "initiative_post_update",
    "initiative_rule_problems",
    "initiative_set_cover",
    "initiative_submit",
    "initiative_submit_report",
    "initiative_transition",
    "initiatives_advance",
    "organization_refresh_overdue_flag",
]
