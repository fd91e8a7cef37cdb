"""The production profile's cache is shared: what one process stores, another process reads.
That is what makes allauth's sign-in rate limits count across gunicorn workers and nodes."""

from __future__ import annotations

import uuid

import pytest

from tests.settings.profiles import production, run

# Database 7: kept apart from anything a developer's Redis holds in database 0.
SHARED = {"REDIS_URL": "redis://127.0.0.1:6379/7"}

WRITE = """
import django, sys
django.setup()
from django.core.cache import cache
cache.set(sys.argv[1], "counted", 60)
print(type(cache._cache).__name__ if hasattr(cache, "_cache") else type(cache).__name__)
"""
READ = """
import django, sys
django.setup()
from django.core.cache import cache
print(cache.get(sys.argv[1], "missing"))
cache.delete(sys.argv[1])
"""


def test_one_process_reads_what_another_stored():
    key = f"joud-test-{uuid.uuid4().hex}"
    env = production(SHARED)
    written = run(["-c", WRITE, key], env)
    assert written.returncode == 0, written.stderr
    read = run(["-c", READ, key], env)
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "counted"


def test_the_demo_cache_is_per_process():
    """The contrast that gives the test above its meaning: local memory is not shared."""
    key = f"joud-test-{uuid.uuid4().hex}"
    env = {"DJANGO_SETTINGS_MODULE": "joud.settings.base"}
    assert run(["-c", WRITE, key], env).returncode == 0
    read = run(["-c", READ, key], env)
    assert read.stdout.strip() == "missing", read.stderr


@pytest.mark.django_db
def test_the_search_filters_organizations_live_in_the_shared_cache():
    """Kept in Django's cache (Redis in production), not in a process's memory: a suspension
    empties the list for every node at once."""
    from django.core.cache import cache

    from joud.organizations import selectors
    from tests.factories import OrganizationFactory

    cache.delete(selectors.FILTER_ORGANIZATIONS_KEY)
    active = OrganizationFactory(status="active")
    assert active in selectors.filter_organizations()
    cached = cache.get(selectors.FILTER_ORGANIZATIONS_KEY)
    assert (active.pk, active.slug, active.name_ar, active.name_en) in cached
    active.status = "suspended"
    active.save()  # on any node: the shared entry is gone, the next read leaves it out
    assert cache.get(selectors.FILTER_ORGANIZATIONS_KEY) is None
    assert active not in selectors.filter_organizations()
