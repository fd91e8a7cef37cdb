"""``{% complaint_counts organization as counts %}``: complaints received and upheld, for the
organization's public page (templates of other apps show them without importing this app)."""

from __future__ import annotations

from django import template

from joud.complaints.selectors import ComplaintCounts, counts_for

register = template.Library()


@register.simple_tag
def complaint_counts(organization) -> ComplaintCounts:
    if organization is None or not getattr(organization, "pk", None):
        return ComplaintCounts()
    return counts_for(organization)
