from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.complaints.models import Complaint
from joud.complaints.services import MAX_CONTACT, MAX_DETAILS
from joud.organizations.forms import bootstrap


class ComplaintForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Complaint.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details"),
        min_length=10,
        max_length=MAX_DETAILS,
        help_text=_("What you saw, where and when. Do not write anyone's private details."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact = forms.CharField(
        label=_("Your mobile number or email (optional)"),
        required=False,
        max_length=MAX_CONTACT,
        help_text=_("Only if you agree that the ministry may contact you. It is never published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
        self.fields["reason"].widget.attrs["class"] = "form-check-input"
