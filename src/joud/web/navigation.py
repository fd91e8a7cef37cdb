"""Navigation per role. Apps add their entries here as they land."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from joud.organizations.access import active_roles
from joud.privacy.links import MY_DATA_LABEL

# Reversed once per process (and script prefix): every page draws the whole menu, and reversing
# each entry on each request would cost about a millisecond a page. Per process, safely: the URL
# patterns are code, the same on every node until a restart.
_URLS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = ""

    @property
    def url(self) -> str:
        key = (self.url_name, get_script_prefix())
        if key not in _URLS:
            try:
                _URLS[key] = reverse(self.url_name)
            except NoReverseMatch:
                _URLS[key] = ""
        return _URLS[key]


PUBLIC = [
    NavItem(_("Home"), "web:home", "house"),
    NavItem(_("Initiatives"), "campaigns:browse", "search"),
    # Short: the phone's bottom bar holds it on one line (the page's heading says "or document").
    NavItem(_("Verify a code"), "web:verify", "shield-check"),
    NavItem(_("Volunteer"), "volunteering:home", "people"),
    NavItem(_("Cases to support"), "beneficiaries:public_list", "hand"),
    NavItem(_("Zakat calculator"), "donations:zakat_calculator", "calculator"),
]
# The donor's space: totals, charts, receipts and plans on one page (the bottom bar's first
# account entry, so a donor reaches it in one tap).
DONOR = [
    NavItem(_("My giving"), "web:dashboard", "heart"),
    NavItem(MY_DATA_LABEL, "privacy:my_data", "shield"),
]
VOLUNTEER = [NavItem(_("Volunteering"), "volunteering:me", "people")]
ORGANIZATION = [NavItem(_("My organization"), "web:org_dashboard", "building")]
CASEWORK = [NavItem(_("Beneficiary cases"), "beneficiaries:case_list", "folder")]
FINANCE = [NavItem(_("Funds and disbursements"), "finance:org_finance", "cash")]
COORDINATION = [NavItem(_("Volunteer management"), "volunteering:manage_start", "clipboard")]
MINISTRY = [
    NavItem(_("Ministry console"), "web:ministry_console", "bank"),
    NavItem(_("Duplicate alerts"), "beneficiaries:ministry", "people"),
    NavItem(_("Audit log"), "web:audit_log", "journal"),
]


def public_navigation() -> list[NavItem]:
    return [i for i in PUBLIC if i.url]


def account_navigation(user) -> list[NavItem]:
    """The signed-in person's own pages, by role (shown in the account menu)."""
    if user is None or not user.is_authenticated:
        return []
    items = list(DONOR)
    if user.is_volunteer:
        items += VOLUNTEER
    roles = active_roles(user)
    if roles:
        items += ORGANIZATION
    if roles & {"admin", "caseworker"}:
        items += CASEWORK
    if roles & {"admin", "finance"}:
        items += FINANCE
    if roles & {"admin", "coordinator"}:
        items += COORDINATION
    if user.is_ministry_reviewer:
        items += MINISTRY
    return [i for i in items if i.url]


def navigation_for(user) -> list[NavItem]:
    return public_navigation() + account_navigation(user)
