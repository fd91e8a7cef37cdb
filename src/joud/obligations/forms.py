"""The giving forms of the obligations (a count of people, of oaths or of days, and the donor's
details) and the ministry's rate form. Counts are whole numbers typed in either digit system;
exponents, signs, NUL bytes and absurd sizes are refused with a message, never a 500."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone
from joud.core.money import format_number, parse_amount
from joud.obligations import rules
from joud.obligations.models import ExpiationGift

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_WHOLE = re.compile(r"\d{1,7}")


def parse_count(raw: str | None, *, maximum: int, message) -> int:
    text = (raw or "").translate(_DIGITS).strip()
    if not _WHOLE.fullmatch(text) or not 1 <= int(text) <= maximum:
        raise forms.ValidationError(message, code="count")
    return int(text)


def _no_control(text: str) -> str:
    if any(ord(c) < 32 for c in text):
        raise forms.ValidationError(_("Remove the control characters."), code="control")
    return text


class DonorFields(forms.Form):
    donor_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    donor_phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"}),
    )
    donor_email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
    is_anonymous = forms.BooleanField(label=_("Give anonymously"), required=False)

    def clean_donor_name(self) -> str:
        return _no_control(self.cleaned_data["donor_name"])

    def clean_donor_phone(self) -> str:
        # As on the giving form: stored as +968…, so that consent checks, reminders and the
        # donor's space find the same person by their number.
        raw = _no_control(self.cleaned_data["donor_phone"])
        return normalize_omani_phone(raw) if raw.strip() else ""


class FitrForm(DonorFields):
    persons = forms.CharField(
        label=_("How many people are you paying for (you and your dependants)?"),
        max_length=12,
        initial="1",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "size": 4}),
    )
    field_order = ["persons", "donor_name", "donor_phone", "donor_email", "is_anonymous"]

    def clean_persons(self) -> int:
        return parse_count(
            self.cleaned_data["persons"],
            maximum=rules.MAX_PERSONS,
            message=_("Enter the number of people, from 1 to %(maximum)s.")
            % {"maximum": format_number(rules.MAX_PERSONS)},
        )


class ExpiationForm(DonorFields):
    kind = forms.ChoiceField(
        label=_("What are you paying?"),
        choices=ExpiationGift.Kind.choices,
        widget=forms.RadioSelect,
    )
    count = forms.CharField(
        label=_("How many (oaths broken, or days missed)?"),
        max_length=12,
        initial="1",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "size": 4}),
    )
    initiative = forms.TypedChoiceField(label=_("Feeding programme"), coerce=int)
    field_order = ["kind", "count", "initiative"]

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [
            (p.pk, f"{p.title} — {p.organization.name}") for p in programmes
        ]

    def clean_count(self) -> int:
        return parse_count(
            self.cleaned_data["count"],
            maximum=rules.MAX_COUNT,
            message=_("Enter a number from 1 to %(maximum)s.")
            % {"maximum": format_number(rules.MAX_COUNT)},
        )


class DistributionForm(forms.Form):
    families = forms.CharField(
        label=_("Families reached"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    persons = forms.CharField(
        label=_("Persons covered"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    amount = forms.CharField(
        label=_("Amount distributed (rials)"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_families(self) -> int:
        return parse_count(
            self.cleaned_data["families"],
            maximum=10_000_000,
            message=_("Enter the number of families reached."),
        )

    def clean_persons(self) -> int:
        return parse_count(
            self.cleaned_data["persons"],
            maximum=10_000_000,
            message=_("Enter the number of persons covered."),
        )

    def clean_amount(self):
        return parse_amount(self.cleaned_data["amount"])

    def clean_note(self) -> str:
        return _no_control(self.cleaned_data["note"])


class RateForm(forms.Form):
    hijri_year = forms.IntegerField(label=_("Hijri year"), min_value=1400, max_value=1500)
    fitr_amount = forms.CharField(
        label=_("Zakat al-fitr per person (rials)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    in_kind_ar = forms.CharField(
        label=_("In-kind equivalent (Arabic)"), max_length=120, required=False
    )
    in_kind_en = forms.CharField(
        label=_("In-kind equivalent (English)"), max_length=120, required=False
    )
    meal_price = forms.CharField(
        label=_("Price of one meal (rials)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )

    def _money(self, name):
        raw = self.cleaned_data[name]
        return parse_amount(raw, maximum=rules.MAX_PRICE) if raw.strip() else None

    def clean_fitr_amount(self):
        return self._money("fitr_amount")

    def clean_meal_price(self):
        return self._money("meal_price")

    def clean_in_kind_ar(self) -> str:
        return _no_control(self.cleaned_data["in_kind_ar"])

    def clean_in_kind_en(self) -> str:
        return _no_control(self.cleaned_data["in_kind_en"])

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("fitr_amount") is None and data.get("meal_price") is None:
            raise forms.ValidationError(_("Enter the zakat al-fitr rate, the meal price, or both."))
        return data
