"""The institution's form for a return its waqf received."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.core.money import STORABLE_MAXIMUM
from joud.endowments.models import WaqfReturn


class ReturnForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of return"), choices=WaqfReturn.Kind.choices)
    amount = forms.DecimalField(
        label=_("Amount (rials)"),
        min_value=0.001,
        max_value=STORABLE_MAXIMUM,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)

    def clean_description(self) -> str:
        text = self.cleaned_data["description"]
        if any(unicodedata.category(char) == "Cc" for char in text):
            raise forms.ValidationError(_("Remove the control characters."))
        return text
