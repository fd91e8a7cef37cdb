"""Migration helpers shared by the apps."""

from __future__ import annotations

from django.db import migrations


def on_postgresql(sql: str, reverse_sql: str) -> migrations.RunPython:
    """Run ``sql`` (and ``reverse_sql`` backwards) on PostgreSQL only: storage and autovacuum
    settings that SQLite, the demo's database, has no notion of."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(reverse_sql)

    return migrations.RunPython(forward, backward, elidable=False)
