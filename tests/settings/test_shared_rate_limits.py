"""Sign-in rate limits count across processes: two separate processes, with the production
hardening (the loopback profile) and the shared Redis cache, try wrong passwords and wrong TOTP
codes for one account, each from its own address; the lockout comes after the configured number
of failures in total, not per process (issue 17: 15 TOTP codes were checked against 5 configured
with 3 workers while the cache was per process).

Each attempt goes through allauth's own checks: the account adapter's ``pre_authenticate`` (the
password sign-in) and ``allauth.mfa``'s ``check_rate_limit`` (the TOTP step).
"""

from __future__ import annotations

import json

import redis

from joud.settings.auth import ACCOUNT_RATE_LIMITS
from tests.settings.profiles import run

# Database 15, flushed: nothing else of this machine's Redis is touched.
REDIS_URL = "redis://127.0.0.1:6379/15"
LOOPBACK = {"DJANGO_SETTINGS_MODULE": "joud.settings.loopback", "REDIS_URL": REDIS_URL}

ATTEMPTS = """
import json, sys
import django
django.setup()
from allauth.account.adapter import get_adapter
from allauth.core import context
from allauth.mfa.base.internal.flows import check_rate_limit
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from joud.accounts.models import User

ip, attempts = sys.argv[1], int(sys.argv[2])
request = RequestFactory().post("/accounts/login/", HTTP_HOST="127.0.0.1", REMOTE_ADDR=ip)
staff = User(pk=4242)  # the TOTP limit is keyed by the user's id; nothing is read or written
result = {"password": [], "totp": []}
with context.request_context(request):
    for _ in range(attempts):
        try:
            get_adapter(request).pre_authenticate(
                request, email="staff@joud.example.om", password="wrong"
            )
            result["password"].append("checked")
        except ValidationError:
            result["password"].append("locked")
        try:
            check_rate_limit(staff)
            result["totp"].append("checked")
        except ValidationError:
            result["totp"].append("locked")
print(json.dumps(result))
"""


def _per_key_limit() -> int:
    """The configured number of failures per account ("5/5m/key" -> 5)."""
    (rate,) = [r for r in ACCOUNT_RATE_LIMITS["login_failed"].split(",") if r.endswith("/key")]
    return int(rate.split("/")[0])


def _attempt(ip: str, attempts: int) -> dict[str, list[str]]:
    result = run(["-c", ATTEMPTS, ip, str(attempts)], LOOPBACK)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_lockout_counts_failures_of_every_process_together():
    redis.Redis.from_url(REDIS_URL).flushdb()
    limit = _per_key_limit()
    assert limit >= 2
    first = _attempt("198.51.100.7", limit - 1)
    second = _attempt("203.0.113.9", limit - 1)  # another process, another address
    for step in ("password", "totp"):
        # Per process, the second would have had its own fresh count and checked every attempt.
        assert first[step] == ["checked"] * (limit - 1), step
        assert second[step] == ["checked"] + ["locked"] * (limit - 2), step
        assert (first[step] + second[step]).count("checked") == limit
    redis.Redis.from_url(REDIS_URL).flushdb()
