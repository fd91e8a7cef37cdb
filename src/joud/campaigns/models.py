"""Initiatives (fundraising campaigns). Their life cycle is changed only through services."""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from joud.campaigns.cards import card_text, repeats_title
from joud.campaigns.images import ART_PALETTES, DEFAULT_ART, art_variant
from joud.campaigns.search import initiative_search_text
from joud.core.i18n import localized
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.private_storage import private_storage
from joud.core.tenancy import OrganizationOwnedModel

# Unambiguous characters for codes people read aloud or type from a poster.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Category(models.TextChoices):
    ORPHANS = "orphans", _("Orphans")
    SCHOOL_MEALS = "school_meals", _("School meals")
    EID_CLOTHING = "eid_clothing", _("Eid clothing")
    ONGOING_CHARITY = "ongoing_charity", _("Ongoing charity (sadaqa jariya)")
    SACRIFICES = "sacrifices", _("Sacrifices (adahi)")
    ZAKAT = "zakat", _("Zakat")
    ZAKAT_FITR = "zakat_fitr", _("Zakat al-Fitr")
    HOUSING = "housing", _("Housing")
    RELIEF = "relief", _("Relief")
    DEBT_RELIEF = "debt_relief", _("Debt relief")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    IN_KIND = "in_kind", _("In-kind")


ZAKAT_CATEGORIES = {Category.ZAKAT, Category.ZAKAT_FITR}


def _cover_path(instance, filename: str) -> str:
    return f"covers/{uuid.uuid4().hex}{Path(filename).suffix.lower() or '.jpg'}"


def _update_photo_path(instance, filename: str) -> str:
    return f"updates/{uuid.uuid4().hex}{Path(filename).suffix.lower() or '.jpg'}"


class Initiative(OrganizationOwnedModel, TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")
        REPORTED = "reported", _("Reported")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("organization"),
    )
    public_code = models.CharField(
        _("verification code"), max_length=12, unique=True, default=new_public_code
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ar = models.CharField(_("summary (Arabic)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    story_ar = models.TextField(_("story (Arabic)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    goal = MoneyField(_("goal (OMR)"), null=True, blank=True, help_text=_("Empty: open-ended."))
    currency = models.CharField(max_length=3, default="OMR")
    admin_share_percent = models.DecimalField(
        _("administration share (%)"), max_digits=4, decimal_places=2, default=0
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    is_featured = models.BooleanField(_("featured"), default=False)
    target_wilayats = models.ManyToManyField(
        "geo.Wilayat", blank=True, related_name="initiatives", verbose_name=_("target wilayats")
    )
    cover_image = models.FileField(
        _("cover image"), upload_to=_cover_path, max_length=255, blank=True
    )
    # The life cycle's dates and reasons, written only by campaigns.services / ministry.services.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    answer_due_on = models.DateField(_("ministry answer due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    state_reason = models.TextField(_("reason for the last decision"), blank=True)
    state_before_suspension = models.CharField(max_length=12, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    report_due_on = models.DateField(_("report due"), null=True, blank=True)
    report_overdue_flagged_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    # The final report's escalation (campaigns.services.reporting), each step taken once.
    report_reminded_at = models.DateTimeField(null=True, blank=True)
    report_warned_at = models.DateTimeField(null=True, blank=True)
    report_blocked_at = models.DateTimeField(null=True, blank=True)
    # Normalised Arabic/English text for search (see campaigns.search); filled on every save.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        # The home page's three lists, in their order, over live initiatives only: an index
        # scan that stops after a few rows instead of reading every live row's wide page.
        indexes = [
            models.Index(
                fields=["ends_on"],
                name="initiative_live_urgent",
                condition=models.Q(state="live", is_urgent=True),
            ),
            models.Index(
                fields=["-created_at"],
                name="initiative_live_newest",
                condition=models.Q(state="live"),
            ),
            models.Index(
                fields=["-created_at"],
                name="initiative_live_featured",
                condition=models.Q(state="live", is_featured=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = initiative_search_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", args=[self.public_code])

    @property
    def title(self) -> str:
        return localized(self.title_ar, self.title_en)

    @property
    def summary(self) -> str:
        return localized(self.summary_ar, self.summary_en)

    @property
    def story(self) -> str:
        return localized(self.story_ar, self.story_en)

    @property
    def summary_says_more(self) -> bool:
        """The summary adds to the title (a page shows it under the title only then)."""
        return bool(self.summary.strip()) and not repeats_title(self.summary, self.title)

    @property
    def card_text(self) -> str:
        """The summary, or the start of the story when the summary only restates the title.
        On a card the stories are deferred: only their first characters are read
        (``cards.with_story_lead``); without them the summary alone is used."""
        if hasattr(self, "story_lead_ar"):
            lead = localized(self.story_lead_ar, self.story_lead_en)
        elif "story_ar" in self.get_deferred_fields():
            lead = ""
        else:
            lead = self.story
        return card_text(title=self.title, summary=self.summary, story_lead=lead)

    @property
    def cover_url(self) -> str:
        """The organization's cover, or the one drawn in the category's colours (no text)."""
        if self.cover_image:
            return self.cover_image.url
        category = self.category if self.category in ART_PALETTES else DEFAULT_ART
        return reverse("campaigns:cover_art", args=[category, art_variant(self.public_code or "")])

    @property
    def is_zakat(self) -> bool:
        return self.category in ZAKAT_CATEGORIES

    @property
    def accepts_donations(self) -> bool:
        return self.state == self.State.LIVE and self.organization.is_licensed


class InitiativeUpdate(OrganizationOwnedModel, TimeStampedModel):
    """News posted by the organization during a campaign, with an optional photo."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="initiative_updates"
    )
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    body_ar = models.TextField(_("update (Arabic)"))
    body_en = models.TextField(_("update (English)"), blank=True)
    photo = models.FileField(_("photo"), upload_to=_update_photo_path, max_length=255, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("initiative update")
        verbose_name_plural = _("initiative updates")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def body(self) -> str:
        return localized(self.body_ar, self.body_en)


class FinalReport(OrganizationOwnedModel, TimeStampedModel):
    """The report on a finished initiative: what the organization writes (the narrative in
    Arabic and English, how many people and families were reached, photos). The money in it is
    never typed: it is read from the ledger (``campaigns.reporting``). The ministry accepts it
    (it is then published on the initiative's page) or asks for changes with a reason."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting the ministry")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted and published")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="final_reports"
    )
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="final_report"
    )
    narrative_ar = models.TextField(_("what was done (Arabic)"))
    narrative_en = models.TextField(_("what was done (English)"), blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    families_reached = models.PositiveIntegerField(_("families reached"), default=0)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    submissions = models.PositiveSmallIntegerField(_("times submitted"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("the ministry's reason"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self) -> str:
        return f"{self.initiative}"

    @property
    def narrative(self) -> str:
        return localized(self.narrative_ar, self.narrative_en)

    @property
    def is_published(self) -> bool:
        return self.state == self.State.ACCEPTED and self.published_at is not None


def _report_photo_path(instance, filename: str) -> str:
    return f"private/reports/{instance.organization_id}/{filename}"


class FinalReportPhoto(OrganizationOwnedModel, TimeStampedModel):
    """A photo of the work done, re-encoded (no location data) and kept encrypted in the private
    storage: served by the report's photo view, to anyone once the report is published."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(
        _("photo"), upload_to=_report_photo_path, storage=private_storage, max_length=255
    )
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=40, default="image/jpeg")
    encrypted = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self) -> str:
        return self.original_name or str(self.pk)
