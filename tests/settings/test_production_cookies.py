"""Production's cookies: every one Secure and HttpOnly, and no messages cookie at all.

`make scan` (wapiti's cookie-flags check) found the CSRF and language cookies readable by
scripts, and Django's messages cookie set and deleted without the Secure and HttpOnly flags.
No script of Joud reads a cookie (htmx sends the CSRF token from the page, base.html), so the
CSRF and language cookies are HttpOnly; messages are kept in the session, server side.
"""

from __future__ import annotations

from tests.settings.profiles import production, run

SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
)


def test_every_cookie_is_secure_and_httponly_and_messages_stay_on_the_server():
    code = "import django; django.setup(); from django.conf import settings as s; " + (
        f"print(*[getattr(s, n) for n in {SETTINGS!r}], s.MESSAGE_STORAGE)"
    )
    result = run(["-c", code], production({}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * len(SETTINGS) + [
        "django.contrib.messages.storage.session.SessionStorage"
    ]
