"""Autovacuum thresholds for the tables the fold churns every second (PostgreSQL only).

The fold deletes every pending delta each second and updates the folded totals: with the default
thresholds (20 % of a table that is nearly empty after each fold) autovacuum would wait for dead
rows that every fold and exact read walks meanwhile. The application never runs VACUUM itself
in production (``JOUD_FOLD_VACUUM`` is off); these settings let autovacuum keep up instead.
"""

from django.db import migrations

TABLES = ("ledger_raiseddelta", "ledger_accounttotal")
TUNED = (
    "autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0, "
    "autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_threshold = 1000, "
    "autovacuum_analyze_scale_factor = 0"
)
RESET = (
    "autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor, autovacuum_vacuum_cost_delay, "
    "autovacuum_analyze_threshold, autovacuum_analyze_scale_factor"
)


def tune(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET ({TUNED})")


def untune(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET ({RESET})")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0006_owed_and_reversal_covers")]

    operations = [migrations.RunPython(tune, untune, elidable=False)]
