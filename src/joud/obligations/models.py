"""Religious obligations paid in money: zakat al-fitr (a rate per person for the Hijri year, set
by the ministry) and expiations (kaffarah for a broken oath, fidya for missed fasts: a number of
meals at a ministry-set meal price). The money itself lives in the ledger: fitr in each
organization's fitr fund (paid out only as fitr distribution), expiations in a feeding
programme's initiative fund."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.core.i18n import localized
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.tenancy import OrganizationOwnedModel


class FitrRate(TimeStampedModel):
    """The ministry's zakat al-fitr per person for a Hijri year, with its in-kind equivalent."""

    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"), unique=True)
    amount = MoneyField(_("amount per person"))
    in_kind_ar = models.CharField(_("in-kind equivalent (Arabic)"), max_length=120)
    in_kind_en = models.CharField(_("in-kind equivalent (English)"), max_length=120, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-hijri_year"]
        verbose_name = _("zakat al-fitr rate")
        verbose_name_plural = _("zakat al-fitr rates")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fitr_rate_positive")
        ]

    def __str__(self) -> str:
        return f"{self.hijri_year}: {self.amount}"

    @property
    def in_kind(self) -> str:
        return localized(self.in_kind_ar, self.in_kind_en)


class MealPrice(TimeStampedModel):
    """The ministry's price of one meal for a poor person (expiations) for a Hijri year."""

    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"), unique=True)
    amount = MoneyField(_("price of one meal"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-hijri_year"]
        verbose_name = _("meal price")
        verbose_name_plural = _("meal prices")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="meal_price_positive")
        ]

    def __str__(self) -> str:
        return f"{self.hijri_year}: {self.amount}"


class FitrProgramme(OrganizationOwnedModel, TimeStampedModel):
    """An organization collects and distributes zakat al-fitr (its money: the ledger's fitr fund)."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.PROTECT, related_name="fitr_programme"
    )
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    account = models.OneToOneField(
        "ledger.Account", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    is_active = models.BooleanField(_("collecting"), default=True)

    class Meta:
        ordering = ["organization__name_ar"]
        verbose_name = _("zakat al-fitr programme")
        verbose_name_plural = _("zakat al-fitr programmes")

    def __str__(self) -> str:
        return f"fitr:{self.organization_id}"

    @property
    def description(self) -> str:
        return localized(self.description_ar, self.description_en)


class FitrGift(OrganizationOwnedModel):
    """A donor's zakat al-fitr for a number of people: persons x the year's rate (server-side)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(FitrProgramme, on_delete=models.PROTECT, related_name="gifts")
    donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, related_name="fitr_gift"
    )
    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"))
    persons = models.PositiveIntegerField(_("persons"))
    rate = MoneyField(_("rate per person"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zakat al-fitr gift")
        verbose_name_plural = _("zakat al-fitr gifts")
        indexes = [models.Index(fields=["programme", "hijri_year"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(persons__gt=0), name="fitr_gift_persons")
        ]

    def __str__(self) -> str:
        return f"{self.hijri_year} x{self.persons}"


class FitrDistribution(OrganizationOwnedModel):
    """The organization's record of fitr handed out (families reached, persons covered), booked in
    the ledger as a fitr distribution out of its fitr fund. Due before the Eid prayer: a record
    made after it is flagged late."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        FitrProgramme, on_delete=models.PROTECT, related_name="distributions"
    )
    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"))
    families = models.PositiveIntegerField(_("families reached"))
    persons = models.PositiveIntegerField(_("persons covered"))
    amount = MoneyField(_("amount"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    posting = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    is_late = models.BooleanField(_("recorded after the Eid prayer"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zakat al-fitr distribution")
        verbose_name_plural = _("zakat al-fitr distributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0, families__gt=0, persons__gte=models.F("families")),
                name="fitr_distribution_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hijri_year}: {self.families}/{self.persons}"


class FitrReminder(models.Model):
    """A last-days-of-Ramadan reminder sent (once per donor and Hijri year)."""

    hijri_year = models.PositiveSmallIntegerField()
    donor_key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hijri_year", "donor_key"], name="fitr_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.hijri_year}: {self.donor_key}"


class ExpiationGift(OrganizationOwnedModel):
    """A kaffarah or fidya paid to a feeding programme: meals x the year's meal price."""

    class Kind(models.TextChoices):
        OATH = "oath", _("Kaffarah for a broken oath")
        FIDYA = "fidya", _("Fidya for missed fasts")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative", on_delete=models.PROTECT, related_name="+"
    )
    donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, related_name="expiation"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"))
    meals = models.PositiveIntegerField(_("meals"))
    meal_price = MoneyField(_("price of one meal"))
    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expiation")
        verbose_name_plural = _("expiations")

    def __str__(self) -> str:
        return f"{self.kind} x{self.count}"
