"""Navigation per role. Apps add their entries here as they land."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = ""

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return ""


PUBLIC = [
    NavItem(_("Home"), "web:home", "house"),
    NavItem(_("Initiatives"), "campaigns:browse", "search"),
    NavItem(_("Verify an appeal"), "web:verify", "shield-check"),
]
DONOR = [NavItem(_("My giving"), "web:dashboard", "heart")]
ORGANIZATION = [NavItem(_("My organization"), "web:org_dashboard", "building")]
MINISTRY = [NavItem(_("Ministry console"), "web:ministry_console", "bank")]
VOLUNTEER = [NavItem(_("Volunteering"), "volunteering:home", "people")]


def navigation_for(user) -> list[NavItem]:
    items = list(PUBLIC)
    if user is None or not user.is_authenticated:
        return [i for i in items if i.url]
    items += DONOR
    if user.is_volunteer:
        items += VOLUNTEER
    if user.memberships.filter(is_active=True).exists():
        items += ORGANIZATION
    if user.is_ministry_reviewer:
        items += MINISTRY
    return [i for i in items if i.url]
