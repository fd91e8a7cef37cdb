"""The style guide at /dev/styleguide/: mounted by the demo profile only, never in production,
loopback or the test profile; it shows the numbers and dates in both languages from the one
formatting module."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve

from tests.settings.profiles import production, run

RESOLVE = """
import django
django.setup()
from django.urls import Resolver404, resolve
try:
    print(resolve("/dev/styleguide/").url_name)
except Resolver404:
    print("not mounted")
"""


@pytest.mark.parametrize(
    "env",
    [
        pytest.param(production({}), id="production"),
        pytest.param(
            {
                "DJANGO_SETTINGS_MODULE": "joud.settings.loopback",
                "JOUD_SITE_URL": "http://127.0.0.1:8123",
                "JOUD_SHOW_OUTBOX": "true",
            },
            id="loopback",
        ),
    ],
)
def test_the_style_guide_is_not_mounted_outside_the_demo(env):
    result = run(["-c", RESOLVE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "not mounted"


def test_the_demo_profile_mounts_it():
    result = run(["-c", RESOLVE], {"DJANGO_SETTINGS_MODULE": "joud.settings.base"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "dev_styleguide"


def test_the_test_profile_does_not_mount_it():
    with pytest.raises(Resolver404):
        resolve("/dev/styleguide/")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.demo.styleguide_urls")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_it_shows_numbers_and_dates_in_both_languages(client, lang):
    page = client.get("/dev/styleguide/", {"lang": lang})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<html lang="{lang}"' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "٥\u00a0ر.ع." in text and "OMR\u00a05" in text  # baisa only when there are baisa
    assert "٧٫٢٥٠\u00a0ر.ع." in text and "OMR\u00a07.250" in text
    assert "مبادرتان" in text and "2 initiatives" in text  # plural forms
    assert "١٤٤٨ هـ" in text and "1448 AH" in text
    assert " · ١" not in text and "· 2" not in text
