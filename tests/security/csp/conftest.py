"""The access matrix's world (two associations, every role signed in), built once for the
package inside a transaction rolled back at the end."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.security.matrix.world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
