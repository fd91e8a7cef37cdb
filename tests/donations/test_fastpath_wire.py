"""The one-statement confirmation stays inside psycopg's query cache."""

from psycopg import _queries

from joud.donations import fastpath


def test_the_confirmation_statement_fits_psycopgs_query_cache():
    # Longer than this, psycopg re-parses the %(name)s placeholders on every webhook.
    assert len(fastpath.WIRE_SQL.encode()) <= _queries.MAX_CACHED_STATEMENT_LENGTH


def test_folding_the_layout_changes_no_literal():
    literals = [part for i, part in enumerate(fastpath.SQL.split("'")) if i % 2]
    assert literals  # the statement has string literals ('confirm', 'org:', ...)
    assert all("  " not in lit and "\n" not in lit for lit in literals)
    assert fastpath.WIRE_SQL.split("'")[1::2] == literals
