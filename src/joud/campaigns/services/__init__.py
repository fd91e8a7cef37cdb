"""Initiatives' writes: their life cycle (``lifecycle``), the organization's drafting
(``drafting``) and the final report with its escalation (``reporting``)."""

from joud.campaigns.services.drafting import (
    EDITABLE_FIELDS,
    initiative_create,
    initiative_edit,
    initiative_end_early,
    initiative_post_update,
    initiative_rule_problems,
    initiative_set_cover,
    initiative_submit,
)
from joud.campaigns.services.lifecycle import (
    INITIATIVE_TRANSITIONS,
    INITIATIVE_WORKFLOW,
    initiative_transition,
    initiatives_advance,
    organization_refresh_overdue_flag,
)
from joud.campaigns.services.reporting import (
    final_report_record_decision,
    final_report_submit,
    final_reports_escalate,
)

__all__ = [
    "EDITABLE_FIELDS",
    "INITIATIVE_TRANSITIONS",
    "INITIATIVE_WORKFLOW",
    "final_report_record_decision",
    "final_report_submit",
    "final_reports_escalate",
    "initiative_create",
    "initiative_edit",
    "initiative_end_early",
    "initiative_post_update",
    "initiative_rule_problems",
    "initiative_set_cover",
    "initiative_submit",
    "initiative_transition",
    "initiatives_advance",
    "organization_refresh_overdue_flag",
]
