"""Forms of the ministry's own screens."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.core.dates import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN
from joud.core.hijri import FIRST_YEAR, LAST_YEAR


class MonthStartForm(forms.Form):
    """An announcement of the moon-sighting committee: which month, its first day, and whether
    it is the date published ahead or the one confirmed on the night."""

    hijri_year = forms.IntegerField(
        label=_("Hijri year"), min_value=FIRST_YEAR + 1, max_value=LAST_YEAR - 1
    )
    hijri_month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=())
    starts_on = forms.DateField(
        label=_("First day (Gregorian)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    confirmed = forms.TypedChoiceField(
        label=_("Announcement"),
        coerce=lambda value: value == "1",
        choices=[("0", _("Expected (published ahead)")), ("1", _("Confirmed (on the night)"))],
    )
    note = forms.CharField(label=_("Source"), max_length=200, required=False)

    def __init__(self, *args, language: str = "ar", **kwargs):
        super().__init__(*args, **kwargs)
        names = HIJRI_MONTHS_AR if language == "ar" else HIJRI_MONTHS_EN
        self.fields["hijri_month"].choices = [(m, name) for m, name in enumerate(names, 1)]
        self.fields["hijri_month"].initial = 9

    def clean_note(self) -> str:
        note = self.cleaned_data["note"]
        if any(unicodedata.category(char) == "Cc" for char in note):
            raise forms.ValidationError(_("Remove the control characters from the source."))
        return note
