"""Sign-in tests: every test starts with fresh rate limits. The sign-in helpers (real posts
through allauth's views, codes read from the outbox) live in tests.fixtures.signin."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()
