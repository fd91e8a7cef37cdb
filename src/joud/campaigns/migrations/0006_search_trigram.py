"""Search by trigram on PostgreSQL: the pg_trgm extension and a GIN trigram index over the
normalised ``search_text``, which PostgreSQL uses for the ``LIKE '%word%'`` of each query word
(``campaigns.selectors.search_initiatives``) instead of scanning every initiative. Nothing on
SQLite (the demo's database), where the same query still works by scanning.

The index is not in the model's Meta: Django's GinIndex with ``opclasses`` would be created on
SQLite too, which has neither GIN nor pg_trgm."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS initiative_search_trgm ON campaigns_initiative"
        " USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0005_final_report")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
