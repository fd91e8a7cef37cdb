"""Every absolute link (QR codes, verify links, messages, share links, og:url) starts with
SITE_URL: the demo's follows the port it serves on; production keeps JOUD_SITE_URL."""

from __future__ import annotations

from tests.settings.profiles import production, run

PRINT_SITE_URL = """
import django
django.setup()
from django.conf import settings
from joud.receipts.pdf import verification_url
from types import SimpleNamespace
print(settings.SITE_URL)
print(verification_url(SimpleNamespace(token="T0KEN")))
"""


def _site(env):
    result = run(["-c", PRINT_SITE_URL], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-2:]


def test_the_demo_links_follow_joud_port():
    site, verify = _site({"DJANGO_SETTINGS_MODULE": "joud.settings.base", "JOUD_PORT": "8137"})
    assert site == "http://127.0.0.1:8137"
    assert verify == "http://127.0.0.1:8137/receipts/verify/T0KEN/"


def test_the_demo_default_port_and_an_explicit_address():
    assert _site({"DJANGO_SETTINGS_MODULE": "joud.settings.base"})[0] == "http://127.0.0.1:8000"
    explicit = {
        "DJANGO_SETTINGS_MODULE": "joud.settings.base",
        "JOUD_PORT": "8137",
        "JOUD_SITE_URL": "http://joud.lan:9000",
    }
    assert _site(explicit)[0] == "http://joud.lan:9000"


def test_production_keeps_joud_site_url_whatever_the_port():
    site, verify = _site(production({"JOUD_PORT": "8137"}))
    assert site == "https://joud.example.om"
    assert verify.startswith("https://joud.example.om/receipts/verify/")
