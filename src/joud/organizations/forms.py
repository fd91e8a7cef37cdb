from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.geo.models import Wilayat
from joud.organizations.models import Organization
from joud.organizations.validators import normalize_iban, validate_iban

DOC_ACCEPT = "application/pdf,image/jpeg,image/png"
# Django's own label for an empty choice, in our catalogue so it is translated everywhere.
BLANK = _("- Select an option -")


def bootstrap(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget its Bootstrap class (the forms of every app above use it)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class WilayatSelect(forms.Select):
    """Each wilayat option names its governorate, so the page can offer only the chosen one's."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-governorate"] = str(instance.governorate_id)
        return option


class ApplicationForm(forms.ModelForm):
    registration = forms.FileField(
        label=_("Registration certificate"),
        help_text=_("PDF, JPEG or PNG, 10 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": DOC_ACCEPT}),
    )
    bylaws = forms.FileField(
        label=_("Articles or by-laws"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOC_ACCEPT}),
    )

    class Meta:
        model = Organization
        fields = [
            "kind",
            "name_ar",
            "name_en",
            "licence_number",
            "governorate",
            "wilayat",
            "description_ar",
            "description_en",
            "contact_name",
            "contact_email",
            "contact_phone",
            "website",
            "bank_name",
            "iban",
        ]
        widgets = {
            "name_en": forms.TextInput(attrs={"dir": "ltr"}),
            "licence_number": forms.TextInput(attrs={"dir": "ltr"}),
            "iban": forms.TextInput(
                attrs={"dir": "ltr", "placeholder": "OM00 0000 0000 0000 0000 000"}
            ),
            "contact_email": forms.EmailInput(attrs={"dir": "ltr"}),
            "contact_phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel"}),
            "website": forms.URLInput(attrs={"dir": "ltr"}),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "wilayat": WilayatSelect(),
        }

    def __init__(self, *args, resubmission: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "licence_number",
            "contact_name",
            "contact_phone",
            "iban",
            "bank_name",
            "wilayat",
        ):
            self.fields[name].required = True
        self.fields["wilayat"].queryset = Wilayat.objects.select_related("governorate")
        self.fields["wilayat"].label_from_instance = lambda w: f"{w.governorate.name} · {w.name}"
        if resubmission:
            self.fields["registration"].required = False
        self.fields["kind"].choices = [("", BLANK), *Organization.Kind.choices]
        self.fields["governorate"].empty_label = BLANK
        self.fields["wilayat"].empty_label = BLANK
        bootstrap(self)

    def clean_iban(self):
        value = normalize_iban(self.cleaned_data.get("iban", ""))
        validate_iban(value)
        return value

    def clean(self):
        data = super().clean()
        gov, wil = data.get("governorate"), data.get("wilayat")
        if gov and wil and wil.governorate_id != gov.pk:
            self.add_error("wilayat", _("The wilayat is not in the governorate chosen."))
        return data
