"""The forms of the disbursement pages: a request, an evidence file, a decision's reason."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.money import STORABLE_MAXIMUM, parse_amount
from joud.disbursements.models import Disbursement, Evidence
from joud.disbursements.purposes import Purpose

_SELECT = {"class": "form-select"}
_TEXT = {"class": "form-control"}


class DateInput(forms.DateInput):
    input_type = "date"


class DisbursementForm(forms.Form):
    source = forms.ChoiceField(label=_("From fund"), widget=forms.Select(attrs=_SELECT))
    initiative = forms.ChoiceField(
        label=_("For the initiative"),
        required=False,
        help_text=_("Filled in by itself when the money comes from an initiative's fund."),
        widget=forms.Select(attrs=_SELECT),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=Purpose.choices, widget=forms.Select(attrs=_SELECT)
    )
    amount = forms.CharField(
        label=_("Amount (rials)"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", **_TEXT}),
    )
    payee_kind = forms.ChoiceField(
        label=_("Paid to"),
        choices=Disbursement.PayeeKind.choices,
        widget=forms.Select(attrs=_SELECT),
    )
    payee_name = forms.CharField(
        label=_("Payee name (account holder)"),
        max_length=200,
        help_text=_("Kept private: the public sees only the kind of payee."),
        widget=forms.TextInput(attrs=_TEXT),
    )
    commercial_registration = forms.CharField(
        label=_("Supplier's commercial registration number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", **_TEXT}),
    )
    case = forms.ChoiceField(
        label=_("Verified case (for a beneficiary or a debt)"),
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )
    bank_account = forms.CharField(
        label=_("Payee's bank account (IBAN)"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", **_TEXT}),
    )
    planned_on = forms.DateField(label=_("Planned payment date"), widget=DateInput(attrs=_TEXT))
    details = forms.CharField(
        label=_("Details for the team"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=_TEXT),
    )

    def __init__(self, *args, funds, initiatives, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(str(a.pk), label) for a, label in funds]
        self.fields["initiative"].choices = [("", "—")] + [
            (str(i.pk), i.title) for i in initiatives
        ]
        self.fields["case"].choices = [("", "—")] + [(str(c.pk), c.reference) for c in cases]

    def clean_amount(self):
        return parse_amount(self.cleaned_data["amount"], maximum=STORABLE_MAXIMUM)

    def clean_planned_on(self):
        day = self.cleaned_data["planned_on"]
        today = timezone.localdate()
        if not today - dt.timedelta(days=366) <= day <= today + dt.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date within a year of today."))
        return day


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"), choices=Evidence.Kind.choices, widget=forms.Select(attrs=_SELECT)
    )
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG, up to 10 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png", "class": "form-control"}
        ),
    )
    is_public = forms.BooleanField(
        label=_("Show it to the public (never a document with personal data)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput(attrs=_TEXT))
