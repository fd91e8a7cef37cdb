"""The application never runs VACUUM in production: autovacuum does, with thresholds set for the
fold's tables; only a server with autovacuum off opts in (JOUD_FOLD_VACUUM, the bench)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joud.ledger.services import folding

pytestmark = pytest.mark.django_db(transaction=True)


def _vacuums(settings, enabled: bool) -> list[str]:
    settings.JOUD_FOLD_VACUUM = enabled
    folding._last_vacuum = 0.0
    with CaptureQueriesContext(connection) as queries:
        folding.ledger_fold()
    return [q["sql"] for q in queries.captured_queries if "VACUUM" in q["sql"].upper()]


def test_the_fold_never_vacuums_unless_the_server_has_no_autovacuum(settings):
    assert settings.JOUD_FOLD_VACUUM is False  # the default, and production's
    assert _vacuums(settings, False) == []
    assert _vacuums(settings, True) == ["VACUUM (SKIP_LOCKED) ledger_raiseddelta"]


def test_autovacuum_is_tuned_for_the_tables_the_fold_churns():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [["ledger_raiseddelta", "ledger_accounttotal"]],
        )
        options = dict(cursor.fetchall())
    for table in ("ledger_raiseddelta", "ledger_accounttotal"):
        assert "autovacuum_vacuum_scale_factor=0" in options[table]
        assert "autovacuum_vacuum_threshold=1000" in options[table]
