"""deploy/ stays true to the code: the environment template names every variable production
needs (and, filled in, passes production's refusal), every systemd command is a real command
on real queues, nginx accepts the site, PostgreSQL accepts its settings file."""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from configparser import ConfigParser
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import get_commands

from joud.campaigns.images import MAX_UPLOAD_BYTES
from joud.core.uploads import MAX_DOCUMENT_BYTES
from tests.deploy.certs import self_signed

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
SETTINGS = REPO / "src" / "joud" / "settings"
ENV_TEMPLATE = DEPLOY / "joud.env.example"
UNITS = DEPLOY / "systemd"
SERVICES = ("joud-web", "joud-worker-ledger", "joud-worker-default", "joud-scheduler")
VAR = re.compile(r"\b(?:DJANGO|JOUD|EMAIL|REDIS|DATABASE|TWILIO|AWS)_[A-Z0-9_]*[A-Z0-9]\b")


def _template() -> tuple[dict[str, str], set[str]]:
    """(variables set, variables mentioned at all, commented out included)."""
    assigned, mentioned = {}, set()
    for line in ENV_TEMPLATE.read_text().splitlines():
        match = re.match(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$", line.strip())
        if match:
            mentioned.add(match[2])
            if not match[1]:
                assigned[match[2]] = match[3]
    return assigned, mentioned


def _strings(path: Path) -> str:
    """Every string literal of a module (f-strings' text included), joined."""
    tree = ast.parse(path.read_text())
    return " ".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _production_requires() -> set[str]:
    """The operator's list in production.py's docstring, and every variable it reads."""
    source = (SETTINGS / "production.py").read_text()
    docstring = ast.get_docstring(ast.parse(source)) or ""
    listed = docstring.split("What an operator sets", 1)[1]
    read = set(re.findall(r'env\.\w+\("([A-Z0-9_]+)"', source))
    return (set(VAR.findall(listed)) | read) - {"JOUD_SHOW_OUTBOX", "JOUD_EMAIL_BACKEND"}


def test_the_env_template_sets_every_variable_production_requires():
    assigned, mentioned = _template()
    required = _production_requires()
    assert {"DJANGO_SECRET_KEY", "JOUD_BLIND_INDEX_KEY", "REDIS_URL", "EMAIL_URL"} <= required
    assert required - set(assigned) == set()
    # Everything the refusal names (some must stay off, some only with a gateway listed) is at
    # least written down, commented out where it is not to be set.
    named = set(VAR.findall(_strings(SETTINGS / "guard.py")))
    assert named - mentioned == set()
    assert "DJANGO_SETTINGS_MODULE" in assigned


def _filled_environment() -> dict[str, str]:
    assigned, _mentioned = _template()
    filled = {}
    for name, value in assigned.items():
        if value:
            filled[name] = value
        elif name == "JOUD_FIELD_KEYS":
            filled[name] = Fernet.generate_key().decode()
        else:
            filled[name] = os.urandom(40).hex()  # what the operator generates
    return filled


def _run_production(environment: dict[str, str], *args: str):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **environment}
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_template_once_filled_passes_the_production_refusal_and_check_deploy():
    assigned, _mentioned = _template()
    refused = _run_production(assigned, "check", "--deploy")
    assert refused.returncode != 0
    assert "refuses to start with the production settings" in refused.stderr
    assert "DJANGO_SECRET_KEY is not set" in refused.stderr

    started = _run_production(_filled_environment(), "check", "--deploy", "--fail-level", "WARNING")
    assert started.returncode == 0, started.stderr
    assert "no issues" in started.stdout
    proxied = _run_production(
        _filled_environment(),
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
    )
    assert proxied.stdout.strip() == "1", proxied.stderr  # nginx's X-Forwarded-For is read


def _unit(name: str) -> ConfigParser:
    parser = ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((UNITS / name).read_text())
    return parser


def _manage_commands(unit: ConfigParser) -> list[list[str]]:
    """Each manage.py invocation in the unit's ExecStart, as its argument list."""
    found = []
    for key in ("ExecStart", "ExecStartPre", "ExecStartPost"):
        line = unit["Service"].get(key, "")
        words = shlex.split(line.replace("%%", "%"))
        if words[:2] == ["/bin/sh", "-c"]:
            words = shlex.split(words[2])
        if any(w.endswith("manage.py") for w in words):
            index = next(i for i, w in enumerate(words) if w.endswith("manage.py"))
            found.append(words[index + 1 :])
    return found


def _option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def test_every_unit_runs_a_real_command_hardened():
    commands = get_commands()
    queues = set(settings.TASKS["default"]["QUEUES"])
    served = {}
    for service in (*SERVICES, "joud-backup"):
        unit = _unit(f"{service}.service")
        body = unit["Service"]
        for manage in _manage_commands(unit):
            assert manage[0] in commands, f"{service}: manage.py {manage[0]} is no command"
            if manage[0] == "db_worker":
                name, excluded = (
                    _option(manage, "--queue-name"),
                    _option(manage, "--exclude-queues"),
                )
                assert excluded is None or set(excluded.split(",")) <= queues
                assert name == "*" or set(name.split(",")) <= queues, f"{service}: queue {name}"
                served[service] = (
                    queues - set(excluded.split(",")) if name == "*" else set(name.split(","))
                )
        assert body["User"] == "joud" and body["EnvironmentFile"] == "/etc/joud/joud.env"
        for directive, value in (
            ("ProtectSystem", "strict"),
            ("NoNewPrivileges", "true"),
            ("PrivateTmp", "true"),
        ):
            assert body.get(directive) == value, f"{service}: {directive}"
        if service != "joud-backup":
            assert body["Restart"] == "on-failure"
            assert unit["Install"]["WantedBy"] == "joud.target"
    # The two workers between them run every queue, each queue on one kind of worker.
    assert served["joud-worker-ledger"] == {"ledger"}
    assert served["joud-worker-default"] == queues - {"ledger"}
    web = shlex.split(_unit("joud-web.service")["Service"]["ExecStart"])
    assert Path(web[0]).name == "gunicorn" and web[1] == "joud.wsgi"
    assert (REPO / Path(web[web.index("-c") + 1]).name).is_file()
    wants = _unit("joud.target")["Unit"]["Wants"].split()
    assert sorted(wants) == sorted(f"{s}.service" for s in SERVICES)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_accepts_the_units(tmp_path):
    for unit in sorted(UNITS.iterdir()):
        shutil.copy(unit, tmp_path / unit.name)
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.glob("*.service"))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    # The venv's executables live on the production host only; anything else is a real error.
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "/srv/joud/venv/bin/" not in line
    ]
    assert problems == []
    for unit in sorted(tmp_path.glob("*.service")):
        rated = subprocess.run(
            ["systemd-analyze", "security", "--offline=yes", str(unit)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        ).stdout
        exposure = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", rated)[1])
        assert exposure <= 2.0, f"{unit.name}: exposure {exposure} (hardening lost?)"


def _nginx_site() -> str:
    return (DEPLOY / "nginx" / "joud.conf").read_text()


def test_nginx_limits_and_paths_match_the_application():
    site = _nginx_site()
    sizes = {int(m) for m in re.findall(r"client_max_body_size (\d+)m;", site)}
    largest = max(MAX_DOCUMENT_BYTES, MAX_UPLOAD_BYTES)
    assert max(sizes) * 1024 * 1024 > largest and max(sizes) * 1024 * 1024 <= largest * 1.5
    webhooks = re.search(r"location \^~ /pay/webhooks/ \{(.*?)\n    \}", site, re.S)[1]
    assert "proxy_request_buffering off;" in webhooks
    private = re.search(r"location \^~ /media/private/ \{(.*?)\}", site, re.S)[1]
    assert "internal;" in private and "root" not in private and "alias" not in private
    assigned, _ = _template()
    assert f"root {Path(assigned['JOUD_STATIC_ROOT']).parent};" in site
    assert f"root {Path(assigned['JOUD_MEDIA_ROOT']).parent};" in site
    assert "upstream joud_web {\n" in site and f"server {assigned['JOUD_BIND']} " in site
    assert "Strict-Transport-Security" not in site  # Django sends HSTS


@pytest.mark.skipif(
    not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx)"
)
def test_nginx_accepts_the_site(tmp_path):
    cert, key = self_signed(tmp_path)
    site = _nginx_site()
    site = re.sub(r"/etc/letsencrypt/live/[^/]+/fullchain\.pem", str(cert), site)
    site = re.sub(r"/etc/letsencrypt/live/[^/]+/privkey\.pem", str(key), site)
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "joud.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/joud.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_pgbouncer_pools_by_session_and_postgresql_keeps_money_safe():
    bouncer = ConfigParser(inline_comment_prefixes=(";",), comment_prefixes=(";", "#"))
    bouncer.read_string((DEPLOY / "pgbouncer" / "pgbouncer.ini").read_text())
    assert bouncer["pgbouncer"]["pool_mode"] == "session"
    assigned, _ = _template()
    assert f":{bouncer['pgbouncer']['listen_port']}/" in assigned["DATABASE_URL"]
    conf = dict(
        re.findall(
            r"^(\w+) = ('[^']*'|\S+)", (DEPLOY / "postgresql" / "joud.conf").read_text(), re.M
        )
    )
    for name, value in (
        ("autovacuum", "on"),
        ("synchronous_commit", "on"),
        ("fsync", "on"),
        ("archive_mode", "on"),
        ("wal_level", "replica"),
    ):
        assert conf[name] == value, name


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.mark.skipif(_postgres_bin() is None, reason="PostgreSQL server binaries not installed")
def test_postgresql_accepts_the_settings_file():
    binaries = _postgres_bin()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    with tempfile.TemporaryDirectory(prefix="joud-pgconf-") as scratch:
        folder = Path(scratch)
        shutil.copy(DEPLOY / "postgresql" / "joud.conf", folder / "joud.conf")
        if as_postgres:  # initdb refuses root: the folder is the postgres user's
            shutil.chown(folder, "postgres")
            (folder / "joud.conf").chmod(0o644)
        subprocess.run(
            [*as_postgres, str(binaries / "initdb"), "-D", str(folder / "data")],
            check=True,
            capture_output=True,
        )
        with (folder / "data" / "postgresql.conf").open("a") as conf:
            conf.write(f"include '{folder / 'joud.conf'}'\n")
        result = subprocess.run(
            [*as_postgres, str(binaries / "postgres"), "-D", str(folder / "data"), "-C",
             "archive_mode"],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "on"


def test_the_operator_guide_names_real_commands_only():
    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"bin/python (?:\S*/)?manage\.py ([a-z_]+)", guide))
    assert {"migrate", "collectstatic", "compile_translations", "create_ministry_user"} <= named
    assert {"backup", "restore", "ledger_verify", "rotate_beneficiary_keys"} <= named
    assert named - set(get_commands()) == set()
