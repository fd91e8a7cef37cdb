"""The real task backend (database + db_worker) and the production profile."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from joud.core.models import OutboxMessage
from tests.settings.profiles import COMPLETE as PRODUCTION

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
def test_database_backend_queues_a_task_and_the_worker_runs_it():
    from django.tasks import default_task_backend

    from joud.core.tasks import send_sms_task

    result = send_sms_task.enqueue(to="+96891234567", body="مرحبا من العامل")
    assert not OutboxMessage.objects.exists()  # queued, not run
    assert default_task_backend.get_result(result.id).status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert OutboxMessage.objects.get(to="+96891234567").body == "مرحبا من العامل"
    assert default_task_backend.get_result(result.id).status == "SUCCESSFUL"


def _production_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    # A complete operator's configuration: production refuses to start on any demo default.
    env = {**os.environ, **PRODUCTION, **extra_env}
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_djangos_deployment_checks():
    result = _production_check({})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_demo_secret():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check"],
        cwd=REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": "joud.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def _base_setting(name: str, env: dict[str, str]) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={
            **clean,
            "PYTHONPATH": str(REPO / "src"),
            "DJANGO_SETTINGS_MODULE": "joud.settings.base",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_unless_asked():
    assert _base_setting("DEBUG", {}) == "False"
    assert _base_setting("DEBUG", {"DJANGO_DEBUG": "true"}) == "True"


def test_sqlite_by_default_postgresql_by_database_url():
    assert "sqlite3" in _base_setting("DATABASES['default']['ENGINE']", {})
    engine = _base_setting(
        "DATABASES['default']['ENGINE']", {"DATABASE_URL": "postgres://u@db.example:5432/joud"}
    )
    assert "postgresql" in engine
