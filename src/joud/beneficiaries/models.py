"""Beneficiary cases, their people, assessments and decisions; privacy; duplicate alerts.

Personal identifiers (civil ID, phone) are stored only encrypted, next to a blind index used for
exact matching. Every read of a case's personal data is written to ``CaseAccessLog``. Cases and
everything inside them belong to one organization (``OrganizationOwnedModel``); duplicate alerts
span two organizations and are read through selectors that check the reader is involved.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.crypto import EncryptedTextField
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
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
    full_name = models.CharField(_("full name"), max_length=200)
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


class MatchKey(models.Model):
    """A blocking key of a person (hashed): candidates for a new case come from here."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="uniq_match_key")]

    def __str__(self) -> str:
        return self.key


class CaseDocument(OrganizationOwnedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        CIVIL_ID = "civil_id", _("Civil ID card")
        INCOME = "income", _("Proof of income")
        MEDICAL = "medical", _("Medical report")
        TENANCY = "tenancy", _("Tenancy or housing document")
        DEBT = "debt", _("Debt or court document")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
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


class CaseAccessLog(models.Model):
    """Who saw or exported a case's personal data, when, and why. Append-only.

    Not tenancy-scoped on purpose: the ministry reads all of it; an organization's admin reads
    the rows of their organization through ``selectors.access_log_for``.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed the case file")
        EXPORT = "export", _("Exported the case file")
        REVEAL = "reveal", _("Revealed an identifier")
        DUPLICATE_REVIEW = "duplicate", _("Compared in duplicate review")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.case_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("access log entries are append-only")
        super().save(*args, **kwargs)


class DuplicateAlert(TimeStampedModel):
    """Two people in two cases that look like the same person. Never merged automatically:
    the associations involved or the ministry decide, and the decision is learnt from."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting review")
        CONFIRMED = "confirmed", _("Same person")
        NOT_DUPLICATE = "not_duplicate", _("Different people")

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    case_a = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    case_b = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    organization_a = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    organization_b = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField()
    evidence = models.JSONField(default=dict)  # which fields agreed (no personal data)
    status = models.CharField(
        max_length=14, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-score", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="uniq_duplicate_pair")
        ]


class MatcherState(models.Model):
    """The detector's learnt state: threshold and name-frequency tables (one row)."""

    threshold = models.FloatField(default=11.0)
    statistics = models.JSONField(default=dict)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_run_summary = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"threshold {self.threshold}"


class PublicCase(OrganizationOwnedModel, TimeStampedModel):
    """A verified case published for giving: a story for the public and no personal data."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Open for giving")
        FUNDED = "funded", _("Fully funded")
        CLOSED = "closed", _("Closed")

    class Surplus(models.TextChoices):
        SIMILAR_CASES = "similar", _("Goes to similar cases of the same category")
        GENERAL_FUND = "general", _("Goes to the organization's general fund")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="public_cases"
    )
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="public")
    code = models.CharField(max_length=12, unique=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=160)
    title_en = models.CharField(_("title (English)"), max_length=160, blank=True)
    story_ar = models.TextField(_("story for the public (Arabic)"))
    story_en = models.TextField(_("story for the public (English)"), blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    wilayat = models.ForeignKey("geo.Wilayat", on_delete=models.PROTECT, related_name="+")
    amount_needed = MoneyField(_("amount needed (OMR)"))
    needed_items = models.TextField(_("goods needed (one per line)"), blank=True)
    amount_raised = MoneyField(default=0)
    surplus_policy = models.CharField(
        _("surplus"), max_length=8, choices=Surplus.choices, default=Surplus.SIMILAR_CASES
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return (
            self.title_en
            if (get_language() or "ar").startswith("en") and self.title_en
            else self.title_ar
        )

    @property
    def story(self) -> str:
        return (
            self.story_en
            if (get_language() or "ar").startswith("en") and self.story_en
            else self.story_ar
        )


class InKindOffer(TimeStampedModel):
    """Goods offered by a donor for a case's needs: offered -> accepted -> delivered."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DELIVERED = "delivered", _("Delivered")
        DECLINED = "declined", _("Declined")

    public_case = models.ForeignKey(PublicCase, on_delete=models.CASCADE, related_name="offers")
    description = models.CharField(_("what you offer"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    donor_name = models.CharField(_("your name"), max_length=120)
    donor_phone = EncryptedTextField(_("your phone"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
