"""The demo's conveniences stay in the demo: the outbox page, the seed, the blind index's key."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from joud.beneficiaries.crypto import blind_index
from joud.demo.management.commands.seed_demo import Command as SeedDemo
from tests.settings.profiles import production, run

# A request through the whole stack, as gunicorn would serve it (no database needed for a 404;
# static files unhashed: no collectstatic manifest here).
GET_OUTBOX = """
import django
django.setup()
from django.test import Client, override_settings
plain = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES={{"default": plain, "staticfiles": plain}}):
    print(Client().get("/dev/outbox/", HTTP_HOST="{host}", secure=True).status_code)
"""


def test_the_outbox_answers_404_in_production():
    result = run(["-c", GET_OUTBOX.format(host="joud.example.om")], production({}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "404"


def test_the_outbox_answers_404_outside_the_demo_whatever_the_flag():
    """The loopback profile (bench, browser tests) accepts JOUD_SHOW_OUTBOX; without the demo app
    installed the page is still not mounted."""
    env = {
        "DJANGO_SETTINGS_MODULE": "joud.settings.loopback",
        "JOUD_SHOW_OUTBOX": "true",
        "JOUD_SITE_URL": "http://127.0.0.1:8123",
    }
    result = run(["-c", GET_OUTBOX.format(host="127.0.0.1")], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "404"


def test_the_loopback_profile_refuses_a_public_address():
    env = {
        "DJANGO_SETTINGS_MODULE": "joud.settings.loopback",
        "DJANGO_ALLOWED_HOSTS": "joud.example.om",
        "JOUD_SITE_URL": "https://joud.example.om",
        "JOUD_BIND": "0.0.0.0:8000",
    }
    result = run(["-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    for name in ("DJANGO_ALLOWED_HOSTS", "JOUD_SITE_URL", "JOUD_BIND"):
        assert name in result.stderr


def test_seed_demo_refuses_a_production_settings_module():
    result = run(["manage.py", "seed_demo"], production({}))
    assert result.returncode != 0
    assert "seed_demo" in result.stderr


@pytest.mark.parametrize("profile", ["production", "loopback"])
def test_seed_demo_refuses_outside_the_demo_profile(settings, profile):
    settings.JOUD_PROFILE = profile
    with pytest.raises(CommandError, match="only with the demo settings"):
        call_command("seed_demo")


def test_seed_demo_refuses_without_the_demo_app(settings):
    settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app != "joud.demo"]
    with pytest.raises(CommandError, match="only with the demo settings"):
        call_command(SeedDemo())  # the command itself: without the app, its name is unknown


def test_the_blind_index_has_its_own_key_and_survives_a_secret_key_rotation(settings):
    assert settings.JOUD_BLIND_INDEX_KEY  # defined: the demo's fixed value
    before = blind_index("12345678", purpose="civil_id")
    settings.SECRET_KEY = "a-rotated-secret-key-" + "r" * 40
    assert blind_index("12345678", purpose="civil_id") == before
