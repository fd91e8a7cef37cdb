"""Pre-aggregated tables the dashboards read (never the donations themselves).

Every table here is derived: ``insights.services`` rewrites it from the source rows, so any of
them can be dropped and rebuilt (``manage.py insights_rebuild``). Money columns are Decimal
(OMR, 3 places) like the rows they sum.
"""

from __future__ import annotations

from django.db import models

from joud.core.money import MoneyField
from joud.core.tenancy import OrganizationOwnedModel


class DailyRollup(OrganizationOwnedModel):
    """Confirmed giving of one day, per organization × initiative × place × category × channel.

    ``day`` is the local (Muscat) date of confirmation. ``category`` is the initiative's category,
    or the target ("general", "zakat", "case:<case category>") for gifts to a fund or a case.
    ``new_donors``: donors whose first gift to the organization is in this row;
    ``returning_gifts``: gifts in this row from donors who had given to it before.
    """

    day = models.DateField()
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative", on_delete=models.CASCADE, null=True, related_name="+"
    )
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.CASCADE, null=True, related_name="+"
    )
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.CASCADE, null=True, related_name="+"
    )
    category = models.CharField(max_length=24)
    channel = models.CharField(max_length=24)
    amount = MoneyField(default=0)
    gifts = models.PositiveIntegerField(default=0)
    new_donors = models.PositiveIntegerField(default=0)
    returning_gifts = models.PositiveIntegerField(default=0)

    class Meta:
        base_manager_name = "unscoped"
        indexes = [models.Index(fields=["organization", "day"]), models.Index(fields=["day"])]


class NationalDaily(models.Model):
    """``DailyRollup`` summed over organizations and initiatives: what the ministry's pages read."""

    day = models.DateField(db_index=True)
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.CASCADE, null=True, related_name="+"
    )
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.CASCADE, null=True, related_name="+"
    )
    category = models.CharField(max_length=24)
    channel = models.CharField(max_length=24)
    amount = MoneyField(default=0)
    gifts = models.PositiveIntegerField(default=0)
    new_donors = models.PositiveIntegerField(default=0)
    returning_gifts = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day} {self.category} {self.channel}"


class NationalSlice(models.Model):
    """National giving per day along one dimension at a time ("all", "governorate", "category",
    "channel"): the ministry's dashboard reads a few thousand of these rows, however many
    organizations and initiatives there are."""

    day = models.DateField()
    dimension = models.CharField(max_length=12)
    value = models.CharField(max_length=40, blank=True)  # governorate id, category or channel
    amount = MoneyField(default=0)
    gifts = models.PositiveIntegerField(default=0)
    new_donors = models.PositiveIntegerField(default=0)
    returning_gifts = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["dimension", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.dimension}={self.value}"


class FunnelDay(OrganizationOwnedModel):
    """One initiative's day: page visits → checkouts started (donations created) → confirmed."""

    day = models.DateField()
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    visits = models.PositiveIntegerField(default=0)
    checkouts = models.PositiveIntegerField(default=0)
    confirmed = models.PositiveIntegerField(default=0)

    class Meta:
        base_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["day", "initiative"], name="insights_funnel_day")
        ]
        indexes = [models.Index(fields=["organization", "day"])]


class DisbursementDaily(OrganizationOwnedModel):
    """Money paid out on one day, per organization and place, with the hours it waited
    (request submitted → paid): ``waited_hours / payments`` is the average wait."""

    day = models.DateField()
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.CASCADE, null=True, related_name="+"
    )
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.CASCADE, null=True, related_name="+"
    )
    category = models.CharField(max_length=24)
    amount = MoneyField(default=0)
    payments = models.PositiveIntegerField(default=0)
    waited_hours = models.PositiveIntegerField(default=0)

    class Meta:
        base_manager_name = "unscoped"
        indexes = [models.Index(fields=["organization", "day"]), models.Index(fields=["day"])]


class DonorProfile(OrganizationOwnedModel):
    """One donor as one organization knows them (a registered account, else the email, else the
    mobile number): what the RFM segments, lapse risk, cohorts and suggestions read."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=300)  # "u:<id>", "e:<email>", "p:<phone>"
    donor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=16, blank=True)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    first_donation_id = models.BigIntegerField()
    last_amount = MoneyField(default=0)
    gifts = models.PositiveIntegerField(default=0)
    amount = MoneyField(default=0)
    months = models.PositiveIntegerField(default=0)  # distinct calendar months with a gift
    hijri_years = models.JSONField(default=list)  # Hijri years with a gift
    ramadan_years = models.JSONField(default=list)  # Hijri years with a gift in Ramadan
    has_plan = models.BooleanField(default=False)  # an active recurring plan with the organization
    contact_ok = models.BooleanField(default=False)  # see insights.donors.consent

    class Meta:
        base_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="insights_donor_key")
        ]
        indexes = [models.Index(fields=["organization", "last_at"])]


class CohortRollup(OrganizationOwnedModel):
    """Donors first seen in Hijri year ``cohort`` who gave again in Hijri year ``year``."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField()
    donors = models.PositiveIntegerField(default=0)

    class Meta:
        base_manager_name = "unscoped"
        indexes = [models.Index(fields=["organization", "cohort"])]


class NeedRollup(models.Model):
    """Open needs from beneficiary cases in one wilayat and case category."""

    governorate = models.ForeignKey("geo.Governorate", on_delete=models.CASCADE, related_name="+")
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.CASCADE, null=True, related_name="+"
    )
    category = models.CharField(max_length=24)
    open_cases = models.PositiveIntegerField(default=0)
    still_needed = MoneyField(default=0)  # published cases: amount needed − raised

    def __str__(self) -> str:
        return f"{self.wilayat_id or self.governorate_id} {self.category}"


class DonorSummary(OrganizationOwnedModel):
    """One organization's donors as the donors page shows them, worked out by the periodic job
    (``insights.donors.summary``): segment and risk counts, and the profiles on each list."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    computed_on = models.DateField()
    donors = models.PositiveIntegerField(default=0)
    history_days = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)

    class Meta:
        base_manager_name = "unscoped"

    def __str__(self) -> str:
        return f"{self.organization_id} {self.computed_on}"


class ForecastDay(models.Model):
    """One forecast day of one series, with its 80% interval: ``scope`` "national" (key ""),
    "category" (key the category), "organization" (key its id) or "org_category" (key
    "<organization id>:<category>"). Rewritten by the nightly job."""

    scope = models.CharField(max_length=12)
    key = models.CharField(max_length=40, blank=True)
    day = models.DateField()
    forecast = MoneyField(default=0)
    lo = MoneyField(default=0)
    hi = MoneyField(default=0)
    computed_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "day"], name="insights_forecast_day")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key} {self.day}"


class GoalOutlook(OrganizationOwnedModel):
    """When a live initiative is expected to reach its goal (``expected_on`` between
    ``earliest_on`` and ``latest_on``, the 80% interval), or why that cannot be said."""

    class Status(models.TextChoices):
        EXPECTED = "expected"
        REACHED = "reached"
        BEYOND = "beyond"  # not within the forecast's horizon
        NO_DATA = "no_data"  # not enough giving yet to say

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    initiative = models.OneToOneField(
        "campaigns.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    expected_on = models.DateField(null=True)
    earliest_on = models.DateField(null=True)
    latest_on = models.DateField(null=True)
    computed_on = models.DateField()

    class Meta:
        base_manager_name = "unscoped"


class SimilarInitiative(models.Model):
    """Initiatives given to by the same donors (item-to-item similarity), the recommender's
    neighbours: the top few per initiative, rewritten by the nightly job."""

    initiative = models.ForeignKey(
        "campaigns.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    other = models.ForeignKey("campaigns.Initiative", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["initiative", "-score"])]

    def __str__(self) -> str:
        return f"{self.initiative_id} ~ {self.other_id}"


class Anomaly(models.Model):
    """Something unusual, raised to the ministry's review queue with its reason in plain words
    (``reason`` is a code, ``details`` its figures: the page words it in the reader's language).
    One open anomaly per ``kind`` and ``subject``."""

    class State(models.TextChoices):
        OPEN = "open"
        CONFIRMED = "confirmed"
        DISMISSED = "dismissed"

    kind = models.CharField(max_length=24)
    subject = models.CharField(max_length=200)  # "ip:1.2.3.4", "initiative:12", "payee:…"
    reason = models.CharField(max_length=32)
    details = models.JSONField(default=dict)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, null=True, related_name="+"
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative", on_delete=models.CASCADE, null=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    raised_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject"],
                condition=models.Q(state="open"),
                name="insights_anomaly_open_once",
            )
        ]
        indexes = [models.Index(fields=["state", "-raised_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject}"
