"""Template helpers for the account pages."""

from __future__ import annotations

from django import template

from joud.accounts.adapter import role_home_url as _role_home_url

register = template.Library()


@register.simple_tag(takes_context=True)
def role_home_url(context) -> str:
    """The signed-in person's home page: /ministry/, /org/ or /me/."""
    return _role_home_url(context["request"].user)
