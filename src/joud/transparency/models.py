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
