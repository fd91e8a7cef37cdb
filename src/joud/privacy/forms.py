from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.accounts.models import User


class _Styled(forms.Form):
    """Bootstrap's classes on every widget (``_fields.html`` renders them as they are): a field
    without ``form-control`` keeps the browser's width, wider than a phone's screen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class RectifyForm(_Styled):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=User.Language.choices)


class EraseForm(_Styled):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account will be closed and my data erased where the law allows."
        )
    )
    details = forms.CharField(
        label=_("Anything to add (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BreachForm(_Styled):
    title = forms.CharField(label=_("What happened"), max_length=200)
    description = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}))
    data_affected = forms.CharField(label=_("Data affected"), max_length=2000)
    people_affected = forms.IntegerField(label=_("People affected"), min_value=0, max_value=10**8)
    measures = forms.CharField(
        label=_("Measures taken"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    discovered_at = forms.DateTimeField(
        label=_("Discovered at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
