"""``{% public_disbursement_lines initiative %}``: the public lines of money out, for any page
(the initiative's money page) without that page's app importing this one."""

from __future__ import annotations

from django import template

from joud.disbursements.selectors import public_disbursements

register = template.Library()


@register.inclusion_tag("disbursements/_public_lines.html")
def public_disbursement_lines(initiative=None, organization=None):
    return {"lines": public_disbursements(initiative=initiative, organization=organization)}


@register.inclusion_tag("disbursements/_finance_link.html")
def disbursements_link():
    """A way from the organization's finance page to its payment requests."""
    return {}
