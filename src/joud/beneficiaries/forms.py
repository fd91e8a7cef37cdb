"""Forms: input types and required fields only; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.checklists import checklist_for
from joud.beneficiaries.models import (
    Case,
    CaseDecision,
    CaseDocument,
    Category,
    Debt,
    InKindOffer,
    Person,
    PublicCase,
)
from joud.geo.models import Wilayat


class _Bootstrap:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class PersonForm(_Bootstrap, forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=60, required=False)
    father_name = forms.CharField(label=_("Father's name"), max_length=60, required=False)
    grandfather_name = forms.CharField(label=_("Grandfather's name"), max_length=60, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=80, required=False)
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_(
            "As written on the civil ID: name, father, grandfather and family. Needed only when "
            "the separate name fields above are left empty."
        ),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("", "—"), *Person.Sex.choices], required=False
    )
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    birth_month = forms.IntegerField(label=_("Month"), required=False)
    birth_day = forms.IntegerField(label=_("Day"), required=False)
    civil_id = forms.CharField(label=_("Civil ID number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    monthly_income = forms.CharField(label=_("Monthly income (OMR)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("birth_year", "birth_month", "birth_day", "civil_id", "phone"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        self.fields["monthly_income"].widget.attrs["inputmode"] = "decimal"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def person_data(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) for k in PersonForm.base_fields if k != "relation"}


class MemberForm(PersonForm):
    relation = forms.ChoiceField(
        label=_("Relation"),
        choices=[c for c in Person.Relation.choices if c[0] != Person.Relation.APPLICANT],
    )
    field_order = ["relation"]


class CaseForm(PersonForm):
    kind = forms.ChoiceField(label=_("Case of"), choices=Case.Kind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    wilayat = forms.ModelChoiceField(label=_("Wilayat"), queryset=Wilayat.objects.all())
    household_income = forms.CharField(label=_("Monthly household income (OMR)"), required=False)
    needs = forms.CharField(
        label=_("Needs"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consent_given = forms.BooleanField(label=_("The applicant consents"), required=False)
    field_order = ["kind", "category", "wilayat", "given_name"]


class DocumentForm(_Bootstrap, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=CaseDocument.Kind.choices)
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class DecisionForm(_Bootstrap, forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=CaseDecision.Outcome.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(_Bootstrap, forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AppealDecisionForm(_Bootstrap, forms.Form):
    upheld = forms.ChoiceField(
        label=_("Appeal"),
        choices=[("1", _("Uphold: approve the case")), ("0", _("Dismiss: the rejection stands"))],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExportForm(_Bootstrap, forms.Form):
    reason = forms.CharField(
        label=_("Why is the case file being exported?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssessmentForm(_Bootstrap, forms.Form):
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, category: str, **kwargs):
        super().__init__(*args, **kwargs)
        items = list(checklist_for("zakat"))
        if category != "zakat":
            items += list(checklist_for(category))
        for key, label, required in items:
            self.fields[key] = forms.BooleanField(
                label=label,
                required=False,
                help_text=_("required") if required else "",
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
        self.order_fields([k for k, *_ in items] + ["notes"])


class PublishForm(_Bootstrap, forms.Form):
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=160)
    story_ar = forms.CharField(
        label=_("Story for the public (Arabic)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("No names, civil IDs or phone numbers."),
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=160, required=False)
    story_en = forms.CharField(
        label=_("Story for the public (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    amount_needed = forms.CharField(label=_("Amount needed (OMR)"))
    needed_items = forms.CharField(
        label=_("Goods needed (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    surplus_policy = forms.ChoiceField(label=_("Surplus"), choices=PublicCase.Surplus.choices)


class DuplicateDecisionForm(_Bootstrap, forms.Form):
    # No answer is chosen for the reviewer: a pre-selected "same person" gets recorded unread.
    same_person = forms.ChoiceField(
        label=_("Decision"),
        choices=[("1", _("Same person")), ("0", _("Different people"))],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose: the same person, or different people.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class InKindForm(_Bootstrap, forms.Form):
    description = forms.CharField(label=InKindOffer._meta.get_field("description").verbose_name)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, initial=1)
    donor_name = forms.CharField(label=_("Your name"), max_length=120)
    donor_phone = forms.CharField(label=_("Your phone"), max_length=20)


class CaseConsentForm(_Bootstrap, forms.Form):
    purpose = forms.ChoiceField(
        label=_("Consent to"),
        choices=[
            ("case", _("Keeping and following the case")),
            ("case_sharing", _("Checking for duplicates with other associations")),
        ],
    )
    method = forms.ChoiceField(
        label=_("How it was given"),
        choices=[("paper", _("Signed paper, scanned")), ("sms", _("Code sent by SMS"))],
    )
    language = forms.ChoiceField(
        label=_("Language of the text shown"), choices=[("ar", _("Arabic")), ("en", _("English"))]
    )
    scan = forms.FileField(label=_("Scan of the signed paper"), required=False)
    evidence = forms.CharField(
        label=_("Proof (the SMS code's reference, or a note)"), required=False, max_length=200
    )
    is_minor = forms.BooleanField(label=_("The person is under 18"), required=False)
    guardian_name = forms.CharField(label=_("Guardian's name"), required=False, max_length=150)
    guardian_phone = forms.CharField(label=_("Guardian's mobile"), required=False, max_length=16)


class CaseRightsRequestForm(_Bootstrap, forms.Form):
    kind = forms.ChoiceField(
        label=_("The beneficiary asks to"),
        choices=[
            ("access", _("See their data")),
            ("export", _("Receive their data as a file")),
            ("rectify", _("Correct their data")),
            ("erase", _("Erase their data")),
            ("object", _("Object to a use of their data")),
        ],
    )
    details = forms.CharField(label=_("Details"), required=False, max_length=2000)


class HealthForm(_Bootstrap, forms.Form):
    reason = forms.CharField(label=_("Why you need it"), max_length=500)
    person = forms.ModelChoiceField(label=_("Member"), queryset=None, required=False)
    condition = forms.CharField(
        label=_("Health condition"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = case.members.all()


class DebtForm(_Bootstrap, forms.Form):
    payee = forms.ChoiceField(label=_("Paid to"), choices=Debt.Payee.choices)
    payee_name = forms.CharField(label=_("Creditor or court"), max_length=200)
    payee_account = forms.CharField(label=_("Creditor's or court's account (IBAN)"), max_length=40)
    amount_owed = forms.CharField(label=_("Amount owed (OMR)"), max_length=30)
    court_reference = forms.CharField(label=_("Court case number"), max_length=40, required=False)
    held_for_debt = forms.BooleanField(label=_("Held for the debt"), required=False)
