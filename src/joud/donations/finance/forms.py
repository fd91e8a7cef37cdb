from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.core.money import STORABLE_MAXIMUM, max_donation, parse_amount
from joud.ledger.services import Purpose

PURPOSES = [
    (Purpose.POOR_AND_NEEDY, _("The poor and needy (zakat-eligible)")),
    (Purpose.DEBT_RELIEF, _("Relief of debtors (zakat-eligible)")),
    (Purpose.WAYFARER, _("Stranded travellers (zakat-eligible)")),
    (Purpose.ORPHANS, _("Orphan sponsorship")),
    (Purpose.SCHOOL_MEALS, _("School meals")),
    (Purpose.CONSTRUCTION, _("Building and repairs")),
    (Purpose.OPERATIONS, _("Running costs")),
    (Purpose.GENERAL, _("General charitable purpose")),
]


class DisbursementForm(forms.Form):
    account = forms.ChoiceField(
        label=_("From fund"), widget=forms.Select(attrs={"class": "form-select"})
    )
    amount = forms.CharField(
        label=_("Amount (rials)"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=PURPOSES, widget=forms.Select(attrs={"class": "form-select"})
    )
    memo = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [
            (str(a.pk), a.get_kind_display() + f" · {a.code}") for a in accounts
        ]

    def clean_amount(self):
        # A fund may hold more than one gift: bounded by what the books can store.
        return parse_amount(self.cleaned_data["amount"], maximum=STORABLE_MAXIMUM)


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
