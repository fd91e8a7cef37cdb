"""Who may do what with an endowment: its institution's administrator constitutes it; its
finance officers and administrators record its returns (and pay them out, as disbursements)."""

from __future__ import annotations

from joud.disbursements.access import is_finance, require_finance
from joud.organizations.access import require_admin

__all__ = ["may_record_returns", "require_admin", "require_finance"]


def may_record_returns(user, waqf) -> bool:
    return is_finance(user, waqf.organization_id)
