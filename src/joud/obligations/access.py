"""Who may do what: the ministry sets the rates; an organization's administrator opens its fitr
programme; its finance officers and administrators record the distribution."""

from __future__ import annotations

from joud.disbursements.access import is_finance, require_finance
from joud.ministry.access import is_reviewer, require_reviewer
from joud.organizations.access import require_admin

__all__ = [
    "is_finance",
    "is_reviewer",
    "may_record_distribution",
    "require_admin",
    "require_finance",
    "require_reviewer",
]


def may_record_distribution(user, programme) -> bool:
    return is_finance(user, programme.organization_id)
