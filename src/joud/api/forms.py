"""The dashboard's forms for tokens and webhooks: choices come from the API's own lists."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.api.auth import AREAS
from joud.api.webhooks.events import EVENTS
from joud.volunteering.forms import Styled


def scope_choices():
    levels = {"read": _("read"), "write": _("read and write")}
    return [
        (f"{area}:{level}", f"{label} — {levels[level]}")
        for area, label in AREAS.items()
        for level in levels
    ]


class TokenForm(Styled, forms.Form):
    name = forms.CharField(label=_("Name (what the token is for)"), max_length=80)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=scope_choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)


class WebhookForm(Styled, forms.Form):
    url = forms.URLField(label=_("Address (https://)"), max_length=300, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=list(EVENTS.items()), widget=forms.CheckboxSelectMultiple
    )
