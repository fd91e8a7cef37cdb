"""Real-browser journeys: one production-profile server per session, one browser context per test.

Run only these:  .venv/bin/python -m pytest tests/e2e -m e2e
Screenshots land in test-artifacts/e2e/<journey>-<variant>/NN-step.png (printed at the end).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import global_settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.utils import load_backend
from django.test import override_settings
from playwright.sync_api import sync_playwright

from tests.e2e.harness import VARIANTS, Journey, Variant
from tests.e2e.server import REPO, LiveServer

CHROMIUM = os.environ.get("JOUD_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("JOUD_E2E_ARTIFACTS", REPO / "test-artifacts" / "e2e"))

_state: dict = {"used": False, "failures": [], "timings": []}


def _is_e2e(item) -> bool:
    return "tests/e2e/" in item.nodeid.replace(os.sep, "/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Journeys run last: Playwright's sync API keeps an event loop running in the main thread
    for as long as the browser is open, and Django refuses ORM calls under a running loop."""
    for item in items:
        if _is_e2e(item) and not item.get_closest_marker("e2e"):
            raise pytest.UsageError(f"{item.nodeid}: browser journeys must be marked e2e")
    items.sort(key=_is_e2e)  # stable: the order inside each group is kept


@contextmanager
def _orm_beside_playwright() -> Iterator[None]:
    """Allow the ORM while Playwright's loop runs (the journeys' own seeding and reads only)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def pytest_terminal_summary(terminalreporter):
    if not _state["used"]:
        return
    terminalreporter.section("e2e journeys")
    terminalreporter.write_line(f"screenshots: {ARTIFACTS}")
    if "server_log" in _state:
        terminalreporter.write_line(f"server log:  {_state['server_log']}")
    for line in _state["timings"]:
        terminalreporter.write_line(line)
    for line in _state["failures"]:
        terminalreporter.write_line(line, red=True)


@pytest.fixture(scope="session")
def joud_server(django_db_blocker) -> Iterator[LiveServer]:
    """gunicorn (production profile) on a fresh PostgreSQL database, for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser journeys need Debian's Chromium. "
            "Install it with `make system-deps` (as root) or `sudo apt-get install -y chromium`."
        )
    _state["used"] = True
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Static files, uploads and the log live in a private temporary folder: another run that
    # clears the artifacts folder (engineers share a working tree) must not pull the server's
    # stylesheets from under it. The log is copied next to the screenshots at the end.
    server = LiveServer(workdir=Path(tempfile.mkdtemp(prefix="joud-e2e-")))
    _state["server_log"] = server.log_path
    server.prepare()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        try:
            shutil.copy(server.log_path, ARTIFACTS / "server.log")
            _state["server_log"] = ARTIFACTS / "server.log"
        except OSError:
            pass
        shutil.rmtree(server.workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def live_db(joud_server, django_db_blocker):
    """``with live_db():`` makes the ORM (factories, services, selectors) use the live database.

    The default connection is swapped for one to the server's database for the duration, with
    the server's SECRET_KEY, SITE_URL and password hashers, so that whatever the test seeds or
    signs is exactly what the server sees. Content-type ids differ between databases: their cache is cleared.
    """
    import environ

    config = environ.Env.db_url_config(joud_server.database_url)
    config = connections.configure_settings({"default": config})["default"]
    wrapper = load_backend(config["ENGINE"]).DatabaseWrapper(config, "default")

    @contextmanager
    def use() -> Iterator[None]:
        original = connections["default"]
        with django_db_blocker.unblock(), _orm_beside_playwright():
            connections["default"] = wrapper
            ContentType.objects.clear_cache()
            try:
                with override_settings(
                    SECRET_KEY=joud_server.secret_key,
                    SITE_URL=joud_server.url,
                    # The server hashes like production: passwords set here must verify there.
                    PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS,
                ):
                    yield
            finally:
                connections["default"] = original
                ContentType.objects.clear_cache()

    yield use
    with django_db_blocker.unblock(), _orm_beside_playwright():
        wrapper.close()


@pytest.fixture(scope="session")
def browser(joud_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=VARIANTS, ids=lambda v: v.id)
def variant(request) -> Variant:
    return request.param


@pytest.fixture
def journey(request, browser, joud_server, variant) -> Iterator[Journey]:
    """Fresh browser contexts (no cookies) on the variant's device, checked as they go."""
    name = request.node.originalname.removeprefix("test_")
    j = Journey(
        name=name,
        browser=browser,
        base_url=joud_server.url,
        out_dir=ARTIFACTS / f"{name}-{variant.id}",
        variant=variant,
    )
    request.node._journey = j
    started = time.perf_counter()
    yield j
    j.close()
    _state["timings"].append(
        f"{request.node.name}: {time.perf_counter() - started:.1f}s, {j.pages_checked} pages "
        f"(axe {j.timings['axe']:.1f}s, screenshots {j.timings['screenshots']:.1f}s)"
    )
    if j.failed_step:
        label, shot = j.failed_step
        _state["failures"].append(f"{request.node.nodeid}: step {label!r} failed, see {shot}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a journey's own steps pass: what the browser saw along the way must be clean too."""
    result = yield
    j: Journey | None = getattr(item, "_journey", None)
    problems = j.problems() if j else []
    if problems:
        _state["failures"].append(f"{item.nodeid}: checks failed, see {j.out_dir}")
        pytest.fail(
            f"e2e journey {j.name!r} [{j.variant.id}] (screenshots in {j.out_dir}):\n"
            + "\n".join(problems),
            pytrace=False,
        )
    return result
