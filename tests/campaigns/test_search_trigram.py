"""Search's trigram index (PostgreSQL): it exists after migrating, and PostgreSQL can answer a
search word's ``LIKE '%word%'`` from it instead of reading every initiative."""

from __future__ import annotations

import pytest
from django.db import connection

from joud.campaigns.models import Initiative
from joud.campaigns.search import query_terms
from joud.campaigns.selectors import search_initiatives
from joud.core.tenancy import scopes_disabled


@pytest.mark.django_db
def test_search_words_can_use_the_trigram_index():
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_search_trgm'")
        (definition,) = cursor.fetchone()
        assert "gin_trgm_ops" in definition and "search_text" in definition
        with scopes_disabled():
            qs = search_initiatives(Initiative.objects.all(), "مياه الشرب").order_by()
        sql, params = qs.query.sql_with_params()
        # An empty table: leave the planner only the ways an index can answer LIKE '%word%'.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert query_terms("مياه الشرب")
    assert "initiative_search_trgm" in plan, plan
