"""Who may take the ministry's decisions and see its pages: a signed-in ministry reviewer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.accounts.permissions import ministry_required
from joud.core.errors import PermissionDeniedError
from joud.core.workflow import is_ministry_reviewer

__all__ = ["is_reviewer", "ministry_required", "require_reviewer"]


def is_reviewer(user) -> bool:
    return is_ministry_reviewer(user)


def require_reviewer(user) -> None:
    if not is_reviewer(user):
        raise PermissionDeniedError(_("Only a ministry reviewer can take this decision."))
