"""Initiatives' pages: ``public`` (anyone) and ``manage`` (the organization's own, in its scope)."""

from joud.campaigns.views.manage import (
    initiative_cover,
    initiative_edit,
    initiative_end,
    initiative_new,
    initiative_post_update,
    initiative_report,
    initiative_submit,
    org_dashboard,
    org_export,
    org_initiative,
)
from joud.campaigns.views.public import (
    browse,
    cover_art,
    detail,
    home,
    media,
    organization,
    qr_png,
    qr_svg,
    share,
    verify_url,
)
from joud.campaigns.views.reports import report_photo

__all__ = [
    "browse",
    "cover_art",
    "detail",
    "home",
    "initiative_cover",
    "initiative_edit",
    "initiative_end",
    "initiative_new",
    "initiative_post_update",
    "initiative_report",
    "initiative_submit",
    "media",
    "org_dashboard",
    "org_export",
    "org_initiative",
    "organization",
    "qr_png",
    "qr_svg",
    "report_photo",
    "share",
    "verify_url",
]
