"""Reference data: governorates and wilayats (loaded by a migration from ``data.py``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.core.i18n import localized


class _Bilingual(models.Model):
    name_ar = models.CharField(_("name (Arabic)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ar, self.name_en)


class Governorate(_Bilingual):
    code = models.CharField(max_length=4, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")


class Wilayat(_Bilingual):
    governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        related_name="wilayats",
        verbose_name=_("governorate"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["governorate__position", "position"]
        verbose_name = _("wilayat")
        verbose_name_plural = _("wilayats")
        constraints = [
            models.UniqueConstraint(fields=["governorate", "name_ar"], name="uniq_wilayat_name")
        ]
