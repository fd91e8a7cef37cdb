"""Every page links the favicon and the web app manifest (the 500 page the favicon alone: it
renders without the site's context), and both are served."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory

from joud.web.views import server_error
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_public_pages_link_the_icon_and_the_manifest(client):
    item = InitiativeFactory()
    pages = ["/", "/initiatives/", item.get_absolute_url(), "/verify/", "/no-such-page/"]
    for url in pages:
        for lang in ("ar", "en"):
            body = client.get(f"{url}?lang={lang}").content.decode()
            assert 'rel="icon"' in body and "favicon.ico" in body, url
            assert 'rel="manifest" href="/manifest.webmanifest"' in body, url
    assert client.get("/manifest.webmanifest").status_code == 200
    icon = client.get("/favicon.ico")
    assert icon.status_code == 302 and icon["Location"].endswith("joud/icons/favicon.ico")
    assert finders.find("joud/icons/favicon.ico")  # the file the redirect names is shipped


def test_the_error_page_links_the_favicon():
    body = server_error(RequestFactory().get("/")).content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in body
