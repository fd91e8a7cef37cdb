"""Cases and what belongs to them: the people of the household, documents, assessments,
decisions, the status history and appeals. Each belongs to one organization
(``OrganizationOwnedModel``); civil IDs and phones are stored only encrypted, beside a blind index
for exact matching."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.crypto import EncryptedTextField, SensitiveTextField
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.private_storage import private_storage
from joud.core.tenancy import OrganizationOwnedModel

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code(prefix: str) -> str:
    return f"{prefix}-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))


class Category(models.TextChoices):
    ZAKAT = "zakat", _("Zakat")
    LIVING = "living", _("Living costs")
    HOUSING = "housing", _("Housing")
    MEDICAL = "medical", _("Medical treatment")
    EDUCATION = "education", _("Education")
    ORPHANS = "orphans", _("Orphan care")
    DEBT = "debt", _("Debt relief")
    RELIEF = "relief", _("Emergency relief")


class Case(OrganizationOwnedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        HOUSEHOLD = "household", _("Household")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Application received")
        OPEN = "open", _("Open")
        ASSESSED = "assessed", _("Assessed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        APPEALED = "appealed", _("Under appeal")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        CASEWORKER = "caseworker", _("Recorded by a caseworker")
        INTAKE = "intake", _("Public application form")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="cases"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.HOUSEHOLD)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.CASEWORKER)
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayat")
    )
    monthly_income = MoneyField(_("monthly household income (OMR)"), null=True, blank=True)
    needs = models.TextField(_("needs"), blank=True)
    consent_given = models.BooleanField(_("consent to process personal data"), default=False)
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    @property
    def head(self):
        return self.members.filter(relation=Person.Relation.APPLICANT).first()


class Person(OrganizationOwnedModel, TimeStampedModel):
    """The applicant or a member of the household. Names are personal data: every page that
    shows them logs the access."""

    class Relation(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        SPOUSE = "spouse", _("Spouse")
        SON = "son", _("Son")
        DAUGHTER = "daughter", _("Daughter")
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")
        OTHER = "other", _("Other relative")

    class Sex(models.TextChoices):
        MALE = "m", _("Male")
        FEMALE = "f", _("Female")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    full_name = models.CharField(_("full name"), max_length=200)  # as entered (or composed)
    # The name's parts as the form gave them (issue 21): what the duplicate detector compares.
    given_name = models.CharField(_("given name"), max_length=60, blank=True)
    father_name = models.CharField(_("father's name"), max_length=60, blank=True)
    grandfather_name = models.CharField(_("grandfather's name"), max_length=60, blank=True)
    family_name = models.CharField(_("family name"), max_length=80, blank=True)
    # Normalised name (أ/ا, ة/ه, ى/ي, ال, عبد, Latin spellings folded) for searching.
    search_name = models.CharField(max_length=200, blank=True, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    civil_id = EncryptedTextField(_("civil ID"), blank=True)
    civil_id_index = models.CharField(max_length=40, blank=True, db_index=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_index = models.CharField(max_length=40, blank=True, db_index=True)
    monthly_income = MoneyField(_("monthly income (OMR)"), null=True, blank=True)
    # Sensitive (health): encrypted, read only by HEALTH_ROLES with a logged reason, never in
    # exports without a stated legal basis, open data or analytics.
    health_condition = SensitiveTextField(_("health condition"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def birth_display(self) -> str:
        if not self.birth_year:
            return ""
        if self.birth_month and self.birth_day:
            return f"{self.birth_year:04d}-{self.birth_month:02d}-{self.birth_day:02d}"
        return str(self.birth_year)


def case_document_path(instance, filename: str) -> str:
    """Private: never under a publicly served prefix (see campaigns.views.public.media); the
    name is random (``joud.core.uploads``), the uploader's name is ``original_name``."""
    return f"private/cases/{instance.organization_id}/{filename}"


class CaseDocument(OrganizationOwnedModel, TimeStampedModel):
    PROOF_OF_DEBT = ("court_order", "creditor_statement")

    class Kind(models.TextChoices):
        CIVIL_ID = "civil_id", _("Civil ID card")
        INCOME = "income", _("Proof of income")
        MEDICAL = "medical", _("Medical report")
        TENANCY = "tenancy", _("Tenancy or housing document")
        DEBT = "debt", _("Debt or court document")
        # Debt relief: what proves the debt (a court order or the creditor's statement) and what
        # proves it was paid off (the discharge, with which the case closes).
        COURT_ORDER = "court_order", _("Court order")
        CREDITOR_STATEMENT = "creditor_statement", _("Creditor's statement of the debt")
        DISCHARGE = "discharge", _("Discharge (the debt is settled)")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    # Kept in the private ``documents`` storage, encrypted (``joud.core.uploads``).
    file = models.FileField(
        _("file"), upload_to=case_document_path, storage=private_storage, max_length=255
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    # The type the content was sniffed to be: what the download answers with.
    content_type = models.CharField(
        _("content type"), max_length=40, default="application/octet-stream"
    )
    # False only for documents stored before encryption, until ``move_case_documents`` runs.
    encrypted = models.BooleanField(_("encrypted"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A caseworker checked it against the original (with the court or the creditor).
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class EligibilityAssessment(OrganizationOwnedModel, TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    checklist = models.JSONField(default=dict)  # item key -> bool
    eligible = models.BooleanField(_("eligible"))
    zakat_eligible = models.BooleanField(_("eligible for zakat"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class CaseDecision(OrganizationOwnedModel, TimeStampedModel):
    class Outcome(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        CLOSE = "close", _("Close")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=8, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    on_appeal = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class CaseStatusChange(OrganizationOwnedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def get_to_status_display(self):
        return Case.Status(self.to_status).label

    def get_from_status_display(self):
        return Case.Status(self.from_status).label if self.from_status else ""


class Appeal(OrganizationOwnedModel, TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld: decision changed")
        DISMISSED = "dismissed", _("Dismissed: decision stands")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    grounds = models.TextField(_("grounds of the appeal"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decision_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
