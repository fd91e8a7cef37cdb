"""Forms: input checking only; the rules are in services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.geo.models import Wilayat
from joud.volunteering.models import Availability, Opportunity, Skill, Visibility


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class Styled:
    """Bootstrap classes on every widget, so templates render fields in one loop."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")


class WilayatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.governorate.name} · {obj.name}"


def wilayat_field(required: bool = True) -> WilayatChoiceField:
    return WilayatChoiceField(
        queryset=Wilayat.objects.select_related("governorate"),
        label=_("Wilayat"),
        required=required,
        empty_label=_("Choose a wilayat"),
    )


class ProfileForm(Styled, forms.Form):
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput(),
        help_text=_("Volunteers under 18 need a parent or guardian's consent for each shift."),
    )
    wilayat = wilayat_field(required=False)
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When you are free"),
        choices=Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    school = forms.CharField(label=_("School"), max_length=150, required=False)
    university = forms.CharField(label=_("University or college"), max_length=150, required=False)
    leaderboard_visibility = forms.ChoiceField(
        label=_("On leaderboards"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.INITIALS,
    )


class ApplyForm(Styled, forms.Form):
    guardian_name = forms.CharField(
        label=_("Parent or guardian's name"), max_length=150, required=False
    )
    guardian_phone = forms.CharField(
        label=_("Parent or guardian's mobile"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "off"}),
        help_text=_("We send them a link by SMS to agree."),
    )


class OpportunityForm(Styled, forms.ModelForm):
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wilayat = wilayat_field()

    class Meta:
        model = Opportunity
        fields = [
            "title_ar",
            "title_en",
            "description_ar",
            "description_en",
            "skills",
            "wilayat",
            "place_ar",
            "place_en",
            "latitude",
            "longitude",
            "starts_on",
            "ends_on",
            "min_age",
            "max_age",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "place_en": forms.TextInput(attrs={"dir": "ltr"}),
            "description_en": forms.Textarea(attrs={"dir": "ltr", "rows": 3}),
            "description_ar": forms.Textarea(attrs={"rows": 4}),
            "latitude": forms.NumberInput(attrs={"dir": "ltr", "step": "0.000001"}),
            "longitude": forms.NumberInput(attrs={"dir": "ltr", "step": "0.000001"}),
        }


class ShiftForm(Styled, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000, initial=10)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("A shift must end after it starts."))
        if start and start < timezone.now() - dt.timedelta(days=1):
            self.add_error("starts_at", _("A new shift cannot start in the past."))
        return data


class CapacityForm(Styled, forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)


class ApproveHoursForm(Styled, forms.Form):
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=1440, required=False)


class DisputeForm(Styled, forms.Form):
    claimed_minutes = forms.IntegerField(label=_("Minutes you served"), min_value=1, max_value=1440)
    reason = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class ResolveDisputeForm(Styled, forms.Form):
    minutes = forms.IntegerField(label=_("Approved minutes"), min_value=0, max_value=1440)
    resolution = forms.CharField(
        label=_("Note to the volunteer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class MessageForm(Styled, forms.Form):
    AUDIENCE = [
        ("accepted", _("Accepted volunteers")),
        ("waitlisted", _("The waiting list")),
        ("all", _("Everyone signed up")),
    ]
    CHANNEL = [("both", _("SMS and email")), ("sms", _("SMS only")), ("email", _("Email only"))]
    audience = forms.ChoiceField(label=_("To"), choices=AUDIENCE)
    channel = forms.ChoiceField(label=_("By"), choices=CHANNEL)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=600
    )


class CertificateForm(Styled, forms.Form):
    opportunity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("ar", _("Arabic")), ("en", _("English"))]
    )


class OpportunityFilterForm(Styled, forms.Form):
    wilayat = wilayat_field(required=False)
    skill = forms.ChoiceField(
        label=_("Skill"), choices=[("", _("Any skill")), *Skill.choices], required=False
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=80)
