"""The shell: both languages, lang/dir, no external assets, clean error pages."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from joud.web.views import server_error
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def get(client, path, lang="ar"):
    """Open a page as a visitor who chose ``lang`` (the language cookie, as the switch sets it)."""
    client.cookies["joud_language"] = lang
    return client.get(path)


EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""",
    re.I,
)


def test_home_is_arabic_rtl_by_default(client):
    InitiativeFactory(title_ar="كسوة العيد")
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in body
    assert "bootstrap.rtl.min.css" in body
    assert "كسوة العيد" in body


def test_home_in_english_is_ltr(client):
    InitiativeFactory(title_en="Eid clothing")
    response = client.get("/?lang=en")
    body = response.content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert "bootstrap.min.css" in body and "bootstrap.rtl" not in body
    assert "Eid clothing" in body
    assert "Give with trust" in body
    # The choice sticks for the next page.
    assert '<html lang="en"' in client.get("/verify/").content.decode()


def test_arabic_even_for_an_english_browser_until_english_is_chosen(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="ar" dir="rtl">' in body


def test_arabic_strings_are_translated(client):
    body = get(client, "/", "ar").content.decode()
    assert "تحقّق من رمز أو مستند" in body  # "Verify a code or document"
    assert "Verify a code or document" not in body


def test_language_switch_form_sets_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/verify/", "/verify/?code=NOPE42", "/accounts/login/", "/does-not-exist/"]
)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_page_fetches_anything_from_outside(client, path, lang):
    InitiativeFactory()
    body = get(client, path, lang).content.decode()
    assert not EXTERNAL.findall(body), EXTERNAL.findall(body)


@pytest.mark.parametrize(("lang", "text"), [("ar", "الصفحة غير موجودة"), ("en", "Page not found")])
def test_404_page_in_both_languages(client, lang, text):
    response = get(client, "/nowhere/", lang)
    assert response.status_code == 404
    assert text in response.content.decode()
    assert f'<html lang="{lang}"' in response.content.decode()


def test_403_page(client, donor):
    client.force_login(donor)
    response = get(client, "/ministry/", "en")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_500_page_is_self_contained(rf):

    with translation.override("ar"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "حدث خطأ" in body


def test_money_and_dual_dates_render_on_pages(client):
    InitiativeFactory(goal="1500.250", title_ar="مبادرة المال")
    body = get(client, "/", "ar").content.decode()
    assert '١<span class="grp">\u202f</span>٥٠٠٫٢٥٠' in body  # baisa shown: there are baisa
    assert "هـ" in body  # a Hijri date beside the Gregorian one


def test_verify_unknown_code_says_so(client):
    body = get(client, "/verify/?code=ZZZZZZ", "en").content.decode()
    assert "Unknown code" in body


def test_verify_licensed_code(client):
    initiative = InitiativeFactory()
    body = get(client, f"/verify/?code={initiative.public_code}", "en").content.decode()
    assert "Licensed appeal" in body
    assert initiative.organization.licence_number in body


def test_static_assets_are_served_locally(client):

    for asset in [
        "vendor/bootstrap/css/bootstrap.rtl.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/amiri/Amiri-Regular.ttf",
        "vendor/plex-arabic/IBMPlexSansArabic-Regular.ttf",
        "vendor/plex-arabic/IBMPlexSansArabic-SemiBold.ttf",
        "vendor/plex-arabic/IBMPlexSansArabic-Bold.ttf",
        "joud/icons/favicon.ico",
        "joud/icons/icon-192.png",
        "joud/icons/icon-512.png",
        "django_htmx/htmx-2.min.js",
        "joud/joud.css",
    ]:
        assert finders.find(asset), asset
