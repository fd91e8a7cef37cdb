from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.core.money import STORABLE_MAXIMUM, max_donation, parse_amount


class RefundForm(forms.Form):
    amount = forms.CharField(
        label=_("Amount to refund (empty: all that remains)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def clean_amount(self):
        raw = self.cleaned_data.get("amount", "").strip()
        return parse_amount(raw, maximum=max_donation()) if raw else None


class DepositForm(forms.Form):
    """The organization pays its own money in: to its general fund (which pays refunds' gateway
    fees and gives back what restricted funds already spent) or to settle what it owes."""

    account = forms.ChoiceField(
        label=_("Into"), widget=forms.Select(attrs={"class": "form-select"})
    )
    amount = forms.CharField(
        label=_("Amount (rials)"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [(str(a.pk), a.get_kind_display()) for a in accounts]

    def clean_amount(self):
        return parse_amount(self.cleaned_data["amount"], maximum=STORABLE_MAXIMUM)
