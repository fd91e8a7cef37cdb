"""A verified case published for giving, and goods offered for its needs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.crypto import EncryptedTextField
from joud.beneficiaries.models.cases import Case, Category
from joud.core.i18n import localized
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.tenancy import OrganizationOwnedModel


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
        return localized(self.title_ar, self.title_en)

    @property
    def story(self) -> str:
        return localized(self.story_ar, self.story_en)


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
