"""Nobody learns from the sign-in or sign-up pages whether a number or an email has an account,
and nothing is texted to a number that has none (SMS pumping)."""

from __future__ import annotations

import pytest
from django.core import mail

from joud.accounts.models import User
from joud.core.models import OutboxMessage
from tests.factories import UserFactory
from tests.fixtures.signin import request_code

pytestmark = pytest.mark.django_db
PASSWORD = "Sadaqa-jariya-2026"
# Until the lead registers it in settings/auth.py (ACCOUNT_FORMS["signup"]), tests set it here.
FORMS = {
    "confirm_login_code": "joud.accounts.forms.ConfirmLoginCodeForm",
    "verify_phone": "joud.accounts.forms.VerifyPhoneForm",
    "signup": "joud.accounts.forms.SignupForm",
}


@pytest.fixture
def person(db):
    return UserFactory(phone="+96891234567", email="salim@example.om", phone_verified=True)


def _confirm_page(client, phone: str, lang: str) -> str:
    response = request_code(client, phone=phone)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/"
    return client.get(f"/accounts/login/code/confirm/?lang={lang}").content.decode()


def test_no_sms_to_a_number_without_an_account(client, person):
    request_code(client, phone="99887766")
    assert not OutboxMessage.objects.filter(to="+96899887766").exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "If it is registered with Joud, we have sent a code to:"),
        ("ar", "إن كان مسجّلًا في جود، فقد أرسلنا رمزًا إلى:"),
    ],
)
def test_the_page_says_if_registered_for_known_and_unknown_numbers(client, person, lang, words):
    unknown = _confirm_page(client, "99887766", lang)
    client.cookies.clear()
    known = _confirm_page(client, "91234567", lang)
    assert words in unknown and words in known
    assert "+96899887766" in unknown and "+96891234567" in known


def test_sign_up_with_a_taken_email_looks_like_a_new_sign_up(client, person, settings):
    settings.ACCOUNT_FORMS = FORMS
    new = client.post(
        "/accounts/signup/",
        {"phone": "95551234", "email": "new@example.om", "password1": PASSWORD},
    )
    client.cookies.clear()
    mail.outbox.clear()
    taken = client.post(
        "/accounts/signup/",
        {"phone": "95559999", "email": "Salim@Example.om", "password1": PASSWORD},
    )
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert not User.objects.filter(phone="+96895559999").exists()
    assert User.objects.filter(email__iexact="salim@example.om").count() == 1
    page = client.get(taken["Location"] + "?lang=en").content.decode()
    assert "already" not in page.lower()


def _reset(client, email: str):
    return client.post("/accounts/password/reset/", {"email": email})


def test_no_email_to_an_address_without_an_account(client, person):
    """Password reset (and the other forms that take an email) must not make the platform mail
    any address typed into them: "someone asked to reset a password, but there is no account"
    goes to strangers' inboxes otherwise (found by `make scan`). The page is the same."""
    unknown = _reset(client, "stranger@example.org")
    assert unknown.status_code == 302
    assert not OutboxMessage.objects.filter(to="stranger@example.org").exists()
    assert not [m for m in mail.outbox if "stranger@example.org" in m.to]
    client.cookies.clear()
    known = _reset(client, "salim@example.om")
    assert known.status_code == 302 and known["Location"] == unknown["Location"]
    sent = OutboxMessage.objects.filter(to="salim@example.om").exists()
    assert sent or [m for m in mail.outbox if "salim@example.om" in m.to]
