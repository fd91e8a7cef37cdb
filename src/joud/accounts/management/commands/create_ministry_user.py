"""The first ministry reviewer, made from the shell: nobody can grant the role from a page before
one exists. The person signs in with a code sent to the email or mobile (or a password, if set
here) and must enrol a TOTP app at that first sign-in: the role requires two-factor."""

from __future__ import annotations

import getpass

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from joud.accounts.phone import normalize_omani_phone, validate_omani_mobile
from joud.core.audit import audit_log


class Command(BaseCommand):
    help = (
        "Create a ministry reviewer (or, with --grant-existing, give the role to an existing "
        "user). Two-factor (TOTP) is enrolled at their first sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="", help="their work email (sign-in and notices)")
        parser.add_argument("--phone", default="", help="their Omani mobile, e.g. 9xxxxxxx")
        parser.add_argument("--full-name", default="", help="as shown to reviewers and in logs")
        parser.add_argument(
            "--set-password",
            action="store_true",
            help="ask for a password (twice, not echoed); without it they sign in by code",
        )
        parser.add_argument(
            "--grant-existing",
            action="store_true",
            help="give the role to the user who already has this email or mobile",
        )

    def _identity(self, email: str, phone: str) -> tuple[str | None, str | None]:
        if not email and not phone:
            raise CommandError("give --email or --phone (or both).")
        try:
            if email:
                validate_email(email)
            if phone:
                phone = normalize_omani_phone(phone)
                validate_omani_mobile(phone)
        except ValidationError as exc:
            raise CommandError(" ".join(str(m) for m in exc.messages)) from exc
        email = get_user_model().objects.normalize_email(email.strip()) if email else ""
        return (email or None), (phone or None)

    def _password(self, user) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the two passwords differ.")
        try:
            password_validation.validate_password(first, user)
        except ValidationError as exc:
            raise CommandError(" ".join(str(m) for m in exc.messages)) from exc
        return first

    def handle(self, *args, email, phone, full_name, set_password, grant_existing, **options):
        email, phone = self._identity(email, phone)
        users = get_user_model()
        found = users.objects.filter(email=email).first() if email else None
        found = found or (users.objects.filter(phone=phone).first() if phone else None)
        if found and not grant_existing:
            raise CommandError(
                f"a user with this email or mobile exists (#{found.pk}): pass --grant-existing "
                "to make them a ministry reviewer."
            )
        with transaction.atomic():
            if found:
                user = found
                user.is_ministry_reviewer = True
                user.full_name = full_name or user.full_name
            else:
                user = users(email=email, phone=phone, full_name=full_name)
                user.is_ministry_reviewer = True
                user.set_unusable_password()
            if set_password:
                user.set_password(self._password(user))
            user.save()
            audit_log(
                action="joud.accounts.ministry_role_granted",
                target=user,
                data={"by": "manage.py create_ministry_user", "existing": bool(found)},
            )
        how = "password or a sign-in code" if user.has_usable_password() else "a sign-in code"
        self.stdout.write(
            self.style.SUCCESS(
                f"ministry reviewer #{user.pk} ({user}) ready: they sign in with {how}, "
                "then enrol a TOTP app (required for the role)."
            )
        )
