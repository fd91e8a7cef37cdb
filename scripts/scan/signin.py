"""Sign in to the scan target as a person would, and print the session's cookies.

Usage: signin.py BASE_URL LOGIN PASSWORD [TOTP_SECRET] > cookies.json
       signin.py BASE_URL --anonymous > cookies.json   (a visitor's CSRF cookie and token)
       signin.py --check BASE_URL donor|admin "COOKIE HEADER"   (still signed in?)

Standard library only (it runs with any Python 3.12): GET the sign-in page for its CSRF token,
POST the password, and for staff POST the current TOTP code (RFC 6238, computed here from the
secret) on the two-factor page. It then opens a page that needs the signed-in session (``/me/``,
or ``/org/`` for staff: the site sends staff who have not passed two-factor to the code page) and
fails loudly if the session is not what was asked for. Prints ``{"sessionid": ..., "csrftoken":
..., "_form_token": ...}``: the cookies wapiti and sqlmap are given, and a CSRF form token valid
with that cookie (read from the last page's forms) for the requests sqlmap replays.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import ssl
import struct
import sys
import time
import urllib.parse
import urllib.request

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _loopback_tls() -> ssl.SSLContext:
    """The scan target's certificate is made by scan.sh for 127.0.0.1: not checked here."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _opener(*handlers) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=_loopback_tls()), *handlers
    )


def _loopback(base_url: str) -> str:
    if urllib.parse.urlsplit(base_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"signin: {base_url} is not this machine")
    return base_url.rstrip("/")


class Browser:
    def __init__(self, base_url: str):
        self.base = _loopback(base_url)
        self.jar = http.cookiejar.CookieJar()
        self.opener = _opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.geturl(), response.read().decode("utf-8", "replace")

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[str, str]:
        _url, page = self.get(path)
        match = CSRF_FIELD.search(page)
        if not match:
            raise SystemExit(f"signin: no CSRF token on {path}")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": match.group(1), **fields}).encode()
        request = urllib.request.Request(  # noqa: S310 (loopback)
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode("utf-8", "replace")

    def cookies(self) -> dict[str, str]:
        return {cookie.name: cookie.value for cookie in self.jar}


def sign_in(base_url: str, login: str, password: str, totp_secret: str = "") -> dict[str, str]:
    browser = Browser(base_url)
    landed, _page = browser.post_form("/accounts/login/", {"login": login, "password": password})
    path = urllib.parse.urlsplit(landed).path
    if path.startswith("/accounts/login"):
        raise SystemExit(f"signin: the password of {login} was refused")
    if "/2fa/" in path:
        if not totp_secret:
            raise SystemExit(f"signin: {login} needs a TOTP secret")
        # A second session of the same person in the same 30 s: the next step's code (the site
        # accepts one step either way, and never the same code twice).
        step = int(os.environ.get("SIGNIN_TOTP_STEP", "0"))
        landed, _page = browser.post_form(
            path, {"code": totp(totp_secret, time.time() + 30 * step)}
        )
    check = "/org/" if totp_secret else "/me/"
    landed, page = browser.get(check)
    if urllib.parse.urlsplit(landed).path != check:
        raise SystemExit(f"signin: {login} opened {check} but landed on {landed}")
    cookies = browser.cookies()
    if "sessionid" not in cookies:
        raise SystemExit(f"signin: no session cookie for {login}")
    return cookies | {"_form_token": _form_token(page)}


def anonymous(base_url: str) -> dict[str, str]:
    browser = Browser(base_url)
    _landed, page = browser.get("/accounts/login/")
    return browser.cookies() | {"_form_token": _form_token(page)}


def _form_token(page: str) -> str:
    match = CSRF_FIELD.search(page)
    if not match:
        raise SystemExit("signin: no form on the signed-in page to read a CSRF token from")
    return match.group(1)


def still_signed_in(base_url: str, who: str, cookie_header: str) -> bool:
    """After a tool's run: does the session it was given still open its signed-in page?"""
    check = "/org/" if who == "admin" else "/me/"
    request = urllib.request.Request(  # noqa: S310 (loopback)
        _loopback(base_url) + check, headers={"Cookie": cookie_header}
    )
    with _opener().open(request, timeout=30) as response:
        landed = urllib.parse.urlsplit(response.geturl()).path
    print(f"{who}: {check} -> {landed}: " + ("signed in" if landed == check else "SIGNED OUT"))
    return landed == check


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"] and len(sys.argv) == 5:
        sys.exit(0 if still_signed_in(*sys.argv[2:]) else 1)
    if sys.argv[2:] == ["--anonymous"]:
        print(json.dumps(anonymous(sys.argv[1])))
        sys.exit(0)
    if len(sys.argv) not in (4, 5):
        raise SystemExit(__doc__)
    print(json.dumps(sign_in(*sys.argv[1:])))
