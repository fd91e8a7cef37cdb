"""Initiatives (fundraising campaigns). Their life cycle is changed only through services."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if (get_language() or "ar").startswith("en") and self.title_en:
            return self.title_en
        return self.title_ar

    @property
    def summary(self) -> str:
        if (get_language() or "ar").startswith("en") and self.summary_en:
            return self.summary_en
        return self.summary_ar

    @property
    def story(self) -> str:
        if (get_language() or "ar").startswith("en") and self.story_en:
            return self.story_en
        return self.story_ar

    @property
    def is_zakat(self) -> bool:
        return self.category in ZAKAT_CATEGORIES

    @property
    def accepts_donations(self) -> bool:
        return self.state == self.State.LIVE and self.organization.is_licensed
