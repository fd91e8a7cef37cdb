"""What people do on Joud, in the browser: signing in (with TOTP for staff), filling forms."""

from __future__ import annotations

import pyotp
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def tr(lang: str, msgid: str) -> str:
    """``msgid`` as the platform shows it in ``lang`` (the apps' own catalogues)."""
    with translation.override(lang):
        return gettext(msgid)


def staff_user(**fields) -> tuple[object, str]:
    """An established user (verified phone) with a TOTP authenticator; returns (user, secret)."""
    user = UserFactory(phone_verified=True, **fields)
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    return user, secret


def open_menu_if_collapsed(page) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        page.locator("#mainnav.show").wait_for()


def sign_in_with_password(journey, *, login: str, totp_secret: str | None = None) -> None:
    """From the sign-in page the browser is on: password, then the TOTP code if asked."""
    page = journey.page
    password = page.locator("input[name=password]")
    if not password.is_visible():
        # The password form sits behind a disclosure: phone codes are the default way in.
        page.locator("details:has(input[name=password]) > summary").click()
    page.locator("input[name=login]").fill(login)
    password.fill(PASSWORD)
    with page.expect_navigation():
        password.press("Enter")
    if "/2fa/authenticate" in page.url:
        assert totp_secret, f"{login} was asked for a second factor it does not have"
        journey.check_page("second factor")
        code = page.locator("input[name=code]")
        code.fill(pyotp.TOTP(totp_secret).now())
        with page.expect_navigation():
            code.press("Enter")
    assert "/accounts/login" not in page.url, f"sign-in failed for {login}: still on {page.url}"
