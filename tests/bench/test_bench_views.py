"""The bench's bare endpoint exists only when JOUD_BENCH_ENDPOINTS=1 (never in production)."""

import importlib

import pytest
from django.db import connection
from django.urls import Resolver404, clear_url_caches, resolve


def _reload_urls():
    import joud.urls

    clear_url_caches()
    return importlib.reload(joud.urls)


def test_bare_endpoint_is_not_mounted_by_default(monkeypatch):
    monkeypatch.delenv("JOUD_BENCH_ENDPOINTS", raising=False)
    _reload_urls()
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")


@pytest.mark.django_db
def test_bare_endpoint_inserts_one_row_when_enabled(monkeypatch, client, settings):
    monkeypatch.setenv("JOUD_BENCH_ENDPOINTS", "1")
    settings.ROOT_URLCONF = _reload_urls()
    try:
        serial = "bigserial" if connection.vendor == "postgresql" else "integer"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE bench_bare (id {serial} PRIMARY KEY, body text)")
        response = client.post("/bench/bare/", data=b"{}", content_type="application/json")
        assert response.status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), max(body) FROM bench_bare")
            assert cursor.fetchone() == (1, "{}")
    finally:
        monkeypatch.delenv("JOUD_BENCH_ENDPOINTS")
        _reload_urls()
