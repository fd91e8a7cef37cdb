"""Complaints from the public about an appeal or an organization ("report this appeal"), and the
ministry's outcome. Filed without signing in; the contact is optional and seen by the ministry
only."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.core.models import TimeStampedModel

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return "BL-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))


class Complaint(TimeStampedModel):
    class Subject(models.TextChoices):
        INITIATIVE = "initiative", _("An appeal")
        ORGANIZATION = "organization", _("An organization")

    class Reason(models.TextChoices):
        MISLEADING = "misleading", _("The story or the photos are misleading")
        NO_PERMIT = "no_permit", _("It collects money without a licence or permit")
        MISUSE = "misuse", _("The money is not used as promised")
        PRIVACY = "privacy", _("It shows people's private details")
        PRESSURE = "pressure", _("It asks for money aggressively or dishonestly")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        OPEN = "open", _("Being looked into")
        DISMISSED = "dismissed", _("Dismissed")
        WARNING = "warning", _("Upheld: the organization was warned")
        SUSPENSION = "suspension", _("Upheld: the organization was suspended")

    UPHELD = (Outcome.WARNING, Outcome.SUSPENSION)

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    subject = models.CharField(_("about"), max_length=12, choices=Subject.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("organization"),
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("appeal"),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"))
    contact = models.CharField(_("contact (optional)"), max_length=150, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN, db_index=True
    )
    answer_due_on = models.DateField(_("answer due"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("the ministry's note"), blank=True)

    class Meta:
        ordering = ["answer_due_on", "created_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN

    @property
    def upheld(self) -> bool:
        return self.outcome in self.UPHELD
