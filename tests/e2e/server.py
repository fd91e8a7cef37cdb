"""The platform under test: the production profile (gunicorn) on its own PostgreSQL database.

One server for the whole e2e session: the database ``test_<name>_live`` (name taken from
DATABASE_URL) is dropped, created and migrated; static files are collected into a temporary
STATIC_ROOT with the production (manifest) storage; gunicorn and a ``db_worker`` run with
``joud.settings.loopback``: production's hardening, except plain HTTP on 127.0.0.1, the sandbox
gateway and the outbox backend (whose stored codes the journeys read).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def live_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/joud")
    base, _, name = url.rpartition("/")
    name, _, query = name.partition("?")
    live = f"test_{name}_live"
    return f"{base}/{live}" + (f"?{query}" if query else "")


def recreate_database(url: str) -> None:
    base, _, name = url.rpartition("/")
    name = name.partition("?")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    base, _, name = url.rpartition("/")
    name = name.partition("?")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class LiveServer:
    """gunicorn, a db_worker and the scheduler on ``database_url``; ``url`` is http://127.0.0.1:<port>."""

    workdir: Path
    database_url: str = field(default_factory=live_database_url)
    port: int = field(default_factory=free_port)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "server.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOUD_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="joud.settings.loopback",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=self.database_url,
            JOUD_HTTPS="false",
            JOUD_SITE_URL=self.url,
            JOUD_BIND=f"127.0.0.1:{self.port}",
            JOUD_STATIC_ROOT=str(self.workdir / "static"),
            JOUD_MEDIA_ROOT=str(self.workdir / "media"),
            # The sandbox gateway's webhooks go over HTTP from the worker to this server.
            JOUD_SANDBOX_WEBHOOK_DELIVERY="http",
            # Two workers with threads: enough for one browser's parallel asset requests, and
            # a request made by one worker to the server itself (a webhook) still finds a thread.
            WEB_CONCURRENCY="2",
            JOUD_WORKER_CLASS="gthread",
            JOUD_THREADS="4",
            PYTHONUNBUFFERED="1",
        )
        return env

    def _start_manage(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(REPO / "manage.py"), *args],
            cwd=REPO,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def _finish_manage(self, process: subprocess.Popen, what: str) -> None:
        stdout, stderr = process.communicate(timeout=600)
        if process.returncode != 0:
            raise RuntimeError(
                f"manage.py {what} failed ({process.returncode}):\n"
                f"{stdout[-3000:]}\n{stderr[-5000:]}"
            )

    def _manage(self, *args: str) -> None:
        self._finish_manage(self._start_manage(*args), " ".join(args))

    def prepare(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        recreate_database(self.database_url)
        # Independent: run side by side (collectstatic compresses every asset, migrate is I/O).
        collect = self._start_manage("collectstatic", "--noinput", "-v0")
        self._manage("migrate", "--noinput", "-v0")
        self._finish_manage(collect, "collectstatic")

    def start(self) -> None:
        log = self.log_path.open("ab")
        env = self.env()
        self.processes.append(
            subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "joud.wsgi", "-c", "gunicorn.conf.py"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        self.processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--interval",
                    "0.3",
                    "--no-startup-delay",
                    "--no-reload",
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        # The periodic jobs (ledger folding every second, the campaign calendar, ...), as in
        # production: the public totals come from the folded ledger.
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "run_scheduler", "--interval", "0.5"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.processes[0].poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        tail = self.log_path.read_text(errors="replace")[-5000:]
        raise RuntimeError(f"gunicorn did not answer on {self.url}/healthz; log:\n{tail}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.processes.clear()
