"""Numbers on pages as a donor reads them: whole rials without baisa, one digit system per page
(a Western-digits choice remembered in a cookie), no "·" beside a digit; the favicon and the web
app manifest."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

WESTERN_DIGIT_IN_TEXT = re.compile(r">[^<]*[0-9][^<]*<")
DOT_BESIDE_DIGIT = re.compile(r"·\s*(?:<[^>]+>\s*)*[0-9٠-٩]|[0-9٠-٩]\s*(?:<[^>]+>\s*)*·")


def _page(client, path, lang="ar", digits=None):
    client.cookies["joud_language"] = lang
    if digits:
        client.cookies["joud_digits"] = digits
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


GROUP = '<span class="grp">\u202f</span>'


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r'<bdi dir="ltr"[^>]*>.*?</bdi>', "", html, flags=re.S)  # codes, phones


def test_the_initiative_page_in_arabic(client):
    initiative = InitiativeFactory(goal=Decimal("25000"), title_ar="ترميم المنازل")
    body = _page(client, initiative.get_absolute_url())
    assert f"٢٥{GROUP}٠٠٠\u00a0ر.ع." in body  # the goal: whole rials, no ".000"
    assert "٠٠٠٫٠٠٠" not in body and "٢٥٬٠٠٠" not in body
    assert not DOT_BESIDE_DIGIT.search(body)
    assert "<bdi>٠٪</bdi>" in body or "<bdi>٠٫٠٪</bdi>" in body


def test_the_donation_form_presets_read_as_rials(client):
    initiative = InitiativeFactory()
    body = _page(client, f"/give/{initiative.public_code}/")
    for preset in ("١", "٥", "١٠", "٢٥", "٥٠", "١٠٠"):
        assert f"{preset}\u00a0ر.ع." in body
    assert "١٠٫٠٠٠" not in body


def test_one_digit_system_on_the_arabic_home_page(client):
    InitiativeFactory(
        goal=Decimal("1234.5"), title_ar="سقيا الماء", organization__name_ar="جمعية الخير"
    )
    body = _visible(_page(client, "/"))
    main = body[body.index("<main") : body.index("</main>")]
    assert not WESTERN_DIGIT_IN_TEXT.search(main), WESTERN_DIGIT_IN_TEXT.search(main)
    assert not DOT_BESIDE_DIGIT.search(body)


def test_western_digits_when_the_person_chooses_them(client):
    InitiativeFactory(goal=Decimal("1234.5"))
    response = client.post("/i18n/digits/", {"digits": "latn", "next": "/initiatives/"})
    assert response.status_code == 302 and response["Location"] == "/initiatives/"
    assert client.cookies["joud_digits"].value == "latn"
    body = _page(client, "/")
    assert "1,234.500\u00a0ر.ع." in body
    assert f"١{GROUP}٢٣٤٫٥٠٠" not in body
    # And back; a foreign "next" goes home.
    response = client.post("/i18n/digits/", {"digits": "arab", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert f"١{GROUP}٢٣٤٫٥٠٠" in _page(client, "/")


def test_the_digits_switch_is_offered_on_arabic_pages_only(client):
    assert 'action="/i18n/digits/"' in _page(client, "/")
    assert 'action="/i18n/digits/"' not in _page(client, "/", lang="en")


def test_favicon_and_manifest(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.ico")
    body = _page(client, "/")
    assert 'rel="manifest" href="/manifest.webmanifest"' in body
    assert 'rel="icon"' in body
    client.cookies["joud_language"] = "ar"
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl"
    assert manifest["short_name"] == "جود"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert client.post("/manifest.webmanifest").status_code == 405
