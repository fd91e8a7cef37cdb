from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import InitiativeFactory


def ensure_geo():
    """Transactional tests truncate every table, the migration-loaded wilayats included."""
    from django.apps import apps

    from joud.geo.models import Governorate

    if not Governorate.objects.exists():
        from importlib import import_module

        import_module("joud.geo.migrations.0002_load_governorates_and_wilayats").load(apps, None)


@pytest.fixture(params=["sql", "orm"])
def engine(request, settings):
    """Run a test against both confirmation paths: the one-statement SQL and the ORM."""
    settings.JOUD_CONFIRMATION_SQL = request.param
    return request.param


@pytest.fixture
def initiative(db):
    ensure_geo()
    return InitiativeFactory(admin_share_percent=Decimal("2.00"))
