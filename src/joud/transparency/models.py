"""The published open-data releases: one per daily slot, its files kept in Django's storage.

A release is claimed by inserting its row (``slot`` is unique), so two schedulers or a retried
task never write the same day twice; the files are written next, and the row says ``ready`` only
once every file is stored. Pages and downloads read the newest ready release, so a visitor never
meets a half-written day: the switch from one day's files to the next is that one row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataRelease(models.Model):
    slot = models.DateTimeField(_("slot"), unique=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    ready = models.BooleanField(_("ready"), default=False, db_index=True)
    # {"grants.json": {"path": "open-data/…", "sha256": "…", "bytes": 123, "rows": 4}, …}
    files = models.JSONField(_("files"), default=dict, blank=True)

    class Meta:
        ordering = ["-slot"]
        verbose_name = _("open data release")
        verbose_name_plural = _("open data releases")

    def __str__(self) -> str:
        return f"open data {self.slot:%Y-%m-%d %H:%M}"


class Scorecard(models.Model):
    """An organization's performance score for one calendar quarter: recomputed every night
    while the quarter runs, then kept as its history (``joud.transparency.scorecards``)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="scorecards",
        verbose_name=_("organization"),
    )
    quarter = models.CharField(_("quarter"), max_length=7)  # "2026-Q4"
    starts_on = models.DateField(_("quarter starts"))
    computed_on = models.DateField(_("computed on"))
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    coverage = models.DecimalField(_("measured share"), max_digits=5, decimal_places=4)
    percentile = models.PositiveSmallIntegerField(_("percentile"), null=True, blank=True)
    # {"licence": {"value": "True", "mark": "1.0000", "weight": 10, "facts": {...}}, ...}
    parts = models.JSONField(_("parts"), default=dict)

    class Meta:
        ordering = ["organization", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "quarter"], name="one_score_a_quarter")
        ]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.quarter}: {self.score}"
