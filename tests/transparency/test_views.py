"""The public page and the files' stable addresses: no sign-in, a missing file says so (503,
not 500), and each download carries its date, an ETag and its licence."""

from __future__ import annotations

import re

import pytest

from joud.transparency import services
from joud.transparency.catalogue import FILES, LICENCE_URL
from joud.transparency.selectors import published_file
from tests.factories import InitiativeFactory
from tests.fixtures.environment import ensure_geo


@pytest.fixture
def release(db):
    ensure_geo()
    InitiativeFactory()
    return services.opendata_publish()


@pytest.mark.django_db
def test_before_the_first_run_the_page_and_the_files_say_so(client):
    page = client.get("/open-data/?lang=en")
    assert page.status_code == 200
    assert "have not been written yet" in page.content.decode()
    response = client.get("/open-data/grants.json?lang=en")
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert "has not been published yet" in response.content.decode()


@pytest.mark.django_db
def test_unknown_files_are_not_found_and_nothing_is_posted(client):
    assert client.get("/open-data/passwords.csv").status_code == 404
    assert client.get("/open-data/..%2Fsettings.py").status_code == 404
    assert client.post("/open-data/grants.json").status_code == 405
    assert client.post("/open-data/").status_code == 405


def test_a_file_answers_without_sign_in_with_date_etag_and_licence(client, release):
    for data_file in FILES:
        response = client.get(f"/open-data/{data_file.name}")
        assert response.status_code == 200, data_file.name
        stored = published_file(data_file.name)
        assert response.content == stored.read()
        assert response["Content-Type"] == data_file.content_type
        assert response["ETag"] == stored.etag
        assert response["Last-Modified"]
        assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
        day = release.generated_at.strftime("%Y-%m-%d")
        assert (
            f'filename="joud-{data_file.name.rsplit(".", 1)[0]}-{day}.'
            in (response["Content-Disposition"])
        )


def test_conditional_requests_get_not_modified(client, release):
    first = client.get("/open-data/initiatives.csv")
    again = client.get("/open-data/initiatives.csv", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        "/open-data/initiatives.csv", headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert since.status_code == 304


def test_a_file_lost_from_storage_says_so(client, release):
    services.storage().delete(release.files["totals.csv"]["path"])
    response = client.get("/open-data/totals.csv")
    assert response.status_code == 503


@pytest.mark.parametrize("lang,direction", [("ar", "rtl"), ("en", "ltr")])
def test_the_page_documents_every_file_and_field_in_both_languages(
    client, release, lang, direction
):
    html = client.get(f"/open-data/?lang={lang}").content.decode()
    assert f'lang="{lang}" dir="{direction}"' in html
    for data_file in FILES:
        assert f'href="/open-data/{data_file.name}"' in html
        for field in data_file.fields:
            assert field.name in html, field.name
    assert LICENCE_URL in html
    if lang == "ar":
        assert "البيانات المفتوحة" in html
    else:
        assert "Creative Commons Attribution 4.0" in html and "00:00" in html
    # A strict Content-Security-Policy: no inline script or style.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "style=" not in html and "<style" not in html


@pytest.mark.django_db
def test_the_site_footer_links_the_open_data(client):
    html = client.get("/").content.decode()
    assert 'href="/open-data/"' in html
