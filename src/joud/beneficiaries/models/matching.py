"""Suspected duplicates across associations and the matcher's learnt state. An alert spans two
organizations and is read through selectors that check the reader is involved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models.cases import Case, Person
from joud.core.models import TimeStampedModel


class MatchKey(models.Model):
    """A blocking key of a person (hashed): candidates for a new case come from here."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="uniq_match_key")]

    def __str__(self) -> str:
        return self.key


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

    threshold = models.FloatField(default=9.0)
    statistics = models.JSONField(default=dict)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_run_summary = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"threshold {self.threshold}"
