"""The account pages live in Joud's shell: lang/dir, Bootstrap, Arabic first, English complete."""

from __future__ import annotations

import re

import pyotp
import pytest

from joud.web.navigation import navigation_for
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.signin import enable_totp, password_login, request_code

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//""", re.I)
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){1,}")
# Latin text that stays Latin in Arabic pages: product names, the example number.
ALLOWED_LATIN = {"Google Authenticator", "Microsoft Authenticator", "XXX XXXX"}


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attrs = " ".join(re.findall(r'(?:placeholder|aria-label|title|alt)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attrs


def _english_left(html: str) -> list[str]:
    return [p for p in ENGLISH_PHRASE.findall(_visible_text(html)) if p not in ALLOWED_LATIN]


def _pages(client):
    """(name, response) for each entrance page, reached as a person would."""
    user = UserFactory(phone="+96891112222", phone_verified=True)
    yield "login", client.get("/accounts/login/")
    yield "code by phone", client.get("/accounts/login/code/")
    yield "code by email", client.get("/accounts/login/code/?by=email")
    yield "signup", client.get("/accounts/signup/")
    request_code(client, phone="91112222")
    yield "enter code", client.get("/accounts/login/code/confirm/")
    client.cookies.pop("sessionid", None)  # a new visitor, same language choice
    staff = MembershipFactory(user=UserFactory(phone="+96891113333", phone_verified=True)).user
    password_login(client, staff.phone)
    yield "totp setup", client.get("/accounts/2fa/totp/activate/")
    client.post("/accounts/logout/")
    enable_totp(user)
    password_login(client, user.phone)
    yield "totp step", client.get("/accounts/2fa/authenticate/")


def test_account_pages_are_arabic_in_the_joud_shell(client):
    for name, response in _pages(client):
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="ar" dir="rtl">' in html, name
        assert "bootstrap.rtl.min.css" in html, name
        assert 'class="navbar' in html, name  # our shell, not allauth's bare layout
        assert "form-control" in html, name
        assert not EXTERNAL.findall(html), name
        assert _english_left(html) == [], (name, _english_left(html))


def test_account_pages_in_english(client):
    client.cookies["joud_language"] = "en"
    for name, response in _pages(client):
        html = response.content.decode()
        assert '<html lang="en" dir="ltr">' in html, name
        assert "bootstrap.min.css" in html, name


def test_login_page_is_phone_first(client):
    html = client.get("/accounts/login/").content.decode()
    assert html.index('name="phone"') < html.index('name="password"')
    assert 'inputmode="tel"' in html
    assert "+968" in html


@pytest.mark.parametrize(
    ("role", "home", "entry"),
    [
        ("donor", "/me/", "تبرعاتي"),
        ("staff", "/org/", "جهتي"),
        ("reviewer", "/ministry/", "لوحة الوزارة"),
    ],
)
def test_each_role_lands_on_its_home_and_sees_its_navigation(client, role, home, entry):
    user = UserFactory(
        phone="+96891114444", phone_verified=True, is_ministry_reviewer=role == "reviewer"
    )
    if role == "staff":
        MembershipFactory(user=user)
    if role != "donor":
        secret = enable_totp(user)
    response = password_login(client, user.phone)
    if role != "donor":
        response = client.post("/accounts/2fa/authenticate/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert response["Location"] == home
    assert any(item.url == home for item in navigation_for(user))
    assert client.get(home).status_code == 200
    assert entry in client.get("/verify/").content.decode()  # the role's entry in the menu


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/logout/",
        "/accounts/2fa/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/password/reset/",
        "/accounts/phone/change/",
        "/accounts/reauthenticate/",
    ],
)
def test_other_account_pages_render_in_the_shell(client, path):
    client.force_login(UserFactory(phone_verified=True))
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="navbar' in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'class="btn' in main  # every one of these pages has its action, styled
    assert "d-none" not in main
    if path == "/accounts/logout/":
        assert 'type="submit"' in main
