"""Volunteering: opportunities and their shifts, volunteers, sign-ups, attendance, certificates.

State changes go through ``joud.volunteering.services``; reads through ``selectors``.
Opportunities, shifts and sign-ups belong to an organization (scoped managers); a volunteer's
profile and certificates belong to the person and may span organizations.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.dates import format_moment
from joud.core.i18n import localized
from joud.core.models import TimeStampedModel
from joud.core.tenancy import OrganizationOwnedModel

ADULT_AGE = 18
# Check-in opens an hour before a shift starts; check-out stays open three hours after it ends.
CHECK_IN_OPENS_BEFORE = dt.timedelta(minutes=60)
CHECK_OUT_GRACE = dt.timedelta(hours=3)
# People read certificate codes aloud or type them from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_nonce() -> str:
    return secrets.token_urlsafe(9)


def minutes_as_hours(minutes: int) -> Decimal:
    """Minutes as hours to one decimal place, the way pages and certificates show them."""
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"))


class Skill(models.TextChoices):
    FIRST_AID = "first_aid", _("First aid")
    TEACHING = "teaching", _("Teaching and tutoring")
    LOGISTICS = "logistics", _("Logistics and distribution")
    COOKING = "cooking", _("Cooking and food packing")
    DRIVING = "driving", _("Driving")
    MEDIA = "media", _("Photography and social media")
    IT = "it", _("Computers and data entry")
    ELDERLY_CARE = "elderly_care", _("Caring for the elderly")
    CHILDREN = "children", _("Working with children")
    ENVIRONMENT = "environment", _("Environment and clean-ups")
    LANGUAGES = "languages", _("Languages and translation")
    EVENTS = "events", _("Organizing events")


class Availability(models.TextChoices):
    WEEKDAY_MORNINGS = "weekday_mornings", _("Weekday mornings")
    WEEKDAY_EVENINGS = "weekday_evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends (Friday and Saturday)")
    RAMADAN_NIGHTS = "ramadan_nights", _("Ramadan evenings")
    HOLIDAYS = "holidays", _("School and university holidays")


class Opportunity(OrganizationOwnedModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Open for volunteers")
        CLOSED = "closed", _("Closed")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="volunteer_opportunities",
        verbose_name=_("organization"),
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ar = models.TextField(_("description (Arabic)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayat")
    )
    place_ar = models.CharField(_("place (Arabic)"), max_length=200)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=14)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self.title_ar, self.title_en)

    @property
    def description(self) -> str:
        return localized(self.description_ar, self.description_en)

    @property
    def place(self) -> str:
        return localized(self.place_ar, self.place_en)

    @property
    def map_link(self) -> str:
        """A ``geo:`` URI: the phone opens its own map app, and no page links outside Joud."""
        if self.latitude is None or self.longitude is None:
            return ""
        return f"geo:{self.latitude},{self.longitude}?q={self.latitude},{self.longitude}"

    @property
    def skill_labels(self) -> list[str]:
        labels = dict(Skill.choices)
        return [str(labels[s]) for s in self.skills if s in labels]


class Shift(OrganizationOwnedModel, TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="volunteer_shifts",
        verbose_name=_("organization"),
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("opportunity")
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))
    # Part of the signed site code: changing it retires every printed code of this shift.
    site_nonce = models.CharField(max_length=24, default=new_nonce, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} — {format_moment(self.starts_at)}"

    @property
    def local_date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Visibility(models.TextChoices):
    NAME = "name", _("Show my name")
    INITIALS = "initials", _("Show my first name and an initial")
    HIDDEN = "hidden", _("Hide me (count my hours, never my name)")


class VolunteerProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    wilayat = models.ForeignKey(
        "geo.Wilayat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wilayat"),
    )
    availability = models.JSONField(_("availability"), default=list, blank=True)
    school = models.CharField(_("school"), max_length=150, blank=True, db_index=True)
    university = models.CharField(
        _("university or college"), max_length=150, blank=True, db_index=True
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    leaderboard_visibility = models.CharField(
        _("on leaderboards"), max_length=10, choices=Visibility.choices, default=Visibility.INITIALS
    )
    # A public, unguessable handle for the shareable card (never the user's id).
    share_code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self) -> str:
        return str(self.user)

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def skill_labels(self) -> list[str]:
        labels = dict(Skill.choices)
        return [str(labels[s]) for s in self.skills if s in labels]

    def public_name(self) -> str | None:
        """The name a leaderboard may show, or None if the person chose to stay hidden."""
        name = (self.user.full_name or "").strip()
        if self.leaderboard_visibility == Visibility.HIDDEN or not name:
            return None
        if self.leaderboard_visibility == Visibility.INITIALS:
            parts = name.split()
            return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else parts[0]
        return name


class Application(OrganizationOwnedModel, TimeStampedModel):
    """A volunteer's sign-up for one shift, and what happened at the shift."""

    class Status(models.TextChoices):
        PENDING_CONSENT = "pending_consent", _("Waiting for guardian consent")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Guardian declined")

    class Hours(models.TextChoices):
        NONE = "none", _("Not recorded")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        DISPUTED = "disputed", _("Disputed")

    ACTIVE = (Status.PENDING_CONSENT, Status.ACCEPTED, Status.WAITLISTED)

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="volunteer_applications",
        verbose_name=_("organization"),
    )
    shift = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="applications", verbose_name=_("shift")
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_applications",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    # Queue position on the waiting list: the time the person joined it.
    queued_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_phone = models.CharField(_("guardian's mobile"), max_length=16, blank=True)
    consent_requested_at = models.DateTimeField(null=True, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("recorded minutes"), default=0)
    hours_status = models.CharField(
        _("hours"), max_length=10, choices=Hours.choices, default=Hours.NONE, db_index=True
    )
    approved_minutes = models.PositiveIntegerField(_("approved minutes"), default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shift__starts_at", "queued_at", "id"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["pending_consent", "accepted", "waitlisted"]),
                name="one_active_signup_per_shift",
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.shift}"

    @property
    def approved_hours(self) -> Decimal:
        return minutes_as_hours(self.approved_minutes)

    @property
    def recorded_hours(self) -> Decimal:
        return minutes_as_hours(self.minutes)


class HoursDispute(OrganizationOwnedModel, TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="disputes")
    reason = models.TextField(_("reason"))
    claimed_minutes = models.PositiveIntegerField(_("minutes you think you served"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_minutes = models.PositiveIntegerField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hours dispute")
        verbose_name_plural = _("hours disputes")
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=Q(status="open"), name="one_open_dispute"
            )
        ]


class Certificate(TimeStampedModel):
    """A certificate of approved hours. ``content`` is what was certified; ``signature`` its HMAC.

    The verification QR carries the content and the signature, so a reader can tell a genuine
    certificate from an altered one (content or signature changed) or an unknown one.
    """

    class Kind(models.TextChoices):
        OPPORTUNITY = "opportunity", _("For one opportunity")
        YEARLY = "yearly", _("For a year")

    code = models.CharField(max_length=12, unique=True, default=new_code)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="volunteer_certificates"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=2, default="ar")
    minutes = models.PositiveIntegerField()
    content = models.JSONField()
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code
