"""The dashboard's forms for tokens and webhooks: choices come from the API's own lists."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.api.auth import AREAS, MINISTRY_AREAS
from joud.api.webhooks.events import EVENTS
from joud.volunteering.forms import Styled


def _choices(areas: dict):
    levels = {"read": _("read"), "write": _("read and write")}
    return [
        (f"{area}:{level}", f"{label} — {levels[level]}")
        for area, label in areas.items()
        for level in levels
    ]


def scope_choices():
    return _choices(AREAS)


def ministry_scope_choices():
    return _choices(MINISTRY_AREAS)


class TokenForm(Styled, forms.Form):
    name = forms.CharField(label=_("Name (what the token is for)"), max_length=80)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=scope_choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)


class MinistryTokenForm(TokenForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=ministry_scope_choices, widget=forms.CheckboxSelectMultiple
    )


class WebhookForm(Styled, forms.Form):
    url = forms.URLField(label=_("Address (https://)"), max_length=300, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=list(EVENTS.items()), widget=forms.CheckboxSelectMultiple
    )
