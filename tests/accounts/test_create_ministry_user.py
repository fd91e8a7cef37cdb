"""manage.py create_ministry_user: the first ministry reviewer, from the shell."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from joud.accounts.models import User
from joud.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_creates_a_reviewer_who_signs_in_by_code_and_must_use_two_factor():
    call_command("create_ministry_user", "--email", "Reviewer@Ministry.gov.om", "--full-name", "م")
    user = User.objects.get(email="Reviewer@ministry.gov.om")
    assert user.is_ministry_reviewer and not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert user.requires_two_factor
    entry = AuditLogEntry.objects.get(action="joud.accounts.ministry_role_granted")
    assert entry.object_id == str(user.pk)


def test_sets_a_checked_password_when_asked(monkeypatch):
    answers = iter(["a-long-Ministry-passphrase-2026", "a-long-Ministry-passphrase-2026"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_ministry_user", "--phone", "9123 4567", "--set-password")
    user = User.objects.get(phone="+96891234567")
    assert user.is_ministry_reviewer
    assert user.check_password("a-long-Ministry-passphrase-2026")


@pytest.mark.parametrize(
    "typed", [["123", "123"], ["a-long-Ministry-passphrase-2026", "a-long-Ministry-passphrase"]]
)
def test_refuses_a_weak_or_mismatched_password(monkeypatch, typed):
    answers = iter(typed)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError):
        call_command("create_ministry_user", "--email", "r@gov.om", "--set-password")
    assert not User.objects.filter(email="r@gov.om").exists()


def test_an_existing_user_is_promoted_only_when_asked():
    donor = User.objects.create_user(email="donor@example.om")
    with pytest.raises(CommandError, match="--grant-existing"):
        call_command("create_ministry_user", "--email", "donor@example.om")
    donor.refresh_from_db()
    assert not donor.is_ministry_reviewer
    call_command("create_ministry_user", "--email", "donor@example.om", "--grant-existing")
    donor.refresh_from_db()
    assert donor.is_ministry_reviewer


@pytest.mark.parametrize("args", [[], ["--email", "not-an-email"], ["--phone", "+44 20 7946 0000"]])
def test_bad_identity_is_a_message_not_a_traceback(args):
    with pytest.raises(CommandError):
        call_command("create_ministry_user", *args)
    assert not User.objects.filter(is_ministry_reviewer=True).exists()
