"""Users: one account per person, found by email or Omani mobile number."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone, validate_omani_mobile


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, phone, password, **extra):
        if not email and not phone:
            raise ValueError("a user needs an email or a phone number")
        email = self.normalize_email(email) if email else None
        phone = normalize_omani_phone(phone) if phone else None
        user = self.model(email=email, phone=phone, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, *, phone=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, phone, password, **extra)

    def create_superuser(self, email=None, password=None, *, phone=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, phone, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Donors may be guests (no User); everybody else signs in.

    Roles: any user can give and volunteer; organization roles come from ``Membership``;
    ministry reviewers have ``is_ministry_reviewer``. Staff roles must use TOTP.
    """

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("mobile number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_omani_mobile],
    )
    phone_verified = models.BooleanField(_("mobile verified"), default=False)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    is_ministry_reviewer = models.BooleanField(_("ministry reviewer"), default=False)
    is_volunteer = models.BooleanField(_("volunteer"), default=False)
    is_staff = models.BooleanField(_("site administrator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"#{self.pk}"

    def clean(self):
        super().clean()
        if self.email:
            self.email = type(self).objects.normalize_email(self.email)
        if self.phone:
            self.phone = normalize_omani_phone(self.phone)

    def save(self, *args, **kwargs):
        # Both are unique but optional: store "no email" as NULL, never "" (allauth sets "").
        self.email = self.email or None
        self.phone = self.phone or None
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return (self.full_name or "").split(" ")[0]

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def requires_two_factor(self) -> bool:
        """Organization staff, ministry reviewers and site admins must use TOTP."""
        if self.is_ministry_reviewer or self.is_staff or self.is_superuser:
            return True
        return self.memberships.filter(is_active=True).exists()
