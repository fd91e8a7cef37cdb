from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import Initiative
from joud.core.money import format_number
from joud.geo.models import Wilayat
from joud.organizations.forms import bootstrap


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


COVER_HELP = _(
    "JPEG, PNG or WebP, 10 MB at most, at least 600 × 315 pixels. Without one, a drawn cover in "
    "the category's colours is shown."
)


class InitiativeForm(forms.ModelForm):
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=COVER_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    target_wilayats = forms.ModelMultipleChoiceField(
        label=_("Target wilayats"),
        queryset=Wilayat.objects.select_related("governorate"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Initiative
        fields = [
            "title_ar",
            "title_en",
            "summary_ar",
            "summary_en",
            "story_ar",
            "story_en",
            "category",
            "goal",
            "admin_share_percent",
            "starts_on",
            "ends_on",
            "is_urgent",
            "target_wilayats",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "story_ar": forms.Textarea(attrs={"rows": 6, "dir": "rtl"}),
            "story_en": forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "summary_en": forms.TextInput(attrs={"dir": "ltr"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl"}),
            "summary_ar": forms.TextInput(attrs={"dir": "rtl"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admin_share_percent"].validators += [
            MinValueValidator(0),
            MaxValueValidator(settings.JOUD_ADMIN_SHARE_CAP),
        ]
        self.fields["admin_share_percent"].help_text = _(
            "What the organization keeps for administration: %(cap)s%% at most."
        ) % {"cap": format_number(settings.JOUD_ADMIN_SHARE_CAP)}
        self.fields["goal"].help_text = _("In Omani rials, up to 3 decimals. Empty: open-ended.")
        self.fields["starts_on"].required = True
        self.fields["ends_on"].required = True
        self.fields["story_ar"].required = True
        self.fields["target_wilayats"].label_from_instance = lambda w: (
            f"{w.governorate.name} · {w.name}"
        )
        self.fields["category"].choices = [
            ("", "—"),
            *Initiative._meta.get_field("category").choices,
        ]
        bootstrap(self)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end date must come after the start date."))
        return data


class CoverForm(forms.Form):
    """A new cover for an initiative that is a draft, approved or live."""

    cover = forms.FileField(
        label=_("New cover image"),
        help_text=COVER_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class UpdateForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    body_ar = forms.CharField(
        label=_("Update (Arabic)"), widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl"})
    )
    body_en = forms.CharField(
        label=_("Update (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; each is checked by the service (``core.uploads``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png", "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files if f]


class FinalReportForm(forms.Form):
    """What the organization writes in its final report; the money comes from the ledger."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    narrative_ar = forms.CharField(
        label=_("What was done with the money (Arabic)"),
        min_length=20,
        max_length=10000,
        help_text=_("What was bought or paid for, for whom, where, and what it achieved."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    narrative_en = forms.CharField(
        label=_("What was done with the money (English)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
    )
    people_reached = forms.IntegerField(
        label=_("People reached"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("A count only: never names."),
    )
    families_reached = forms.IntegerField(
        label=_("Families reached"), min_value=0, max_value=10_000_000, required=False
    )
    photos = MultiplePhotoField(
        label=_("Photos of the work done"),
        required=False,
        help_text=_(
            "JPEG or PNG, 10 MB each. Published with the report once the ministry accepts it: "
            "no faces of beneficiaries, no documents."
        ),
    )
