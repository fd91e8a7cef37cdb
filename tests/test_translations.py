"""Every app's Arabic catalogue is complete and lists exactly the strings of its sources.

The check itself lives in scripts/check_translations.py, which `make lint` runs; here it runs
once per app, and against a scratch app to prove it catches what it must.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "joud"
CATALOGUES = sorted(SRC.glob("*/locale/ar/LC_MESSAGES/django.po"))

_spec = importlib.util.spec_from_file_location(
    "check_translations", REPO / "scripts" / "check_translations.py"
)
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext is not installed (make system-deps)"
)


def _read(path: Path):
    with path.open("rb") as f:
        return read_po(f, locale="ar")


def test_there_are_catalogues():
    apps = {p.parts[-5] for p in CATALOGUES}
    assert {"core", "web", "accounts", "geo", "organizations", "demo"} <= apps


def test_every_app_is_checked():
    assert len(check.apps()) >= 14
    assert {"core", "demo", "web", "donations"} <= set(check.apps())


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete(path):
    catalog = _read(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(s and s.strip() for s in strings):
            problems.append(f"empty: {message.id!r}")
    for message, errors in catalog.check():  # placeholders such as %(name)s must match
        problems += [f"{message.id!r}: {error}" for error in errors]
    assert not problems, f"{path.relative_to(SRC)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_declares_arabic_plurals(path):
    catalog = _read(path)
    assert catalog.num_plurals == 6


@needs_gettext
@pytest.mark.parametrize("app", check.apps())
def test_catalogue_is_in_sync_with_the_sources(app):
    problems = "\n".join(check.problems(app))
    assert not problems, f"src/joud/{app}: run `make messages` and translate:\n{problems}"


@pytest.fixture
def scratch_src(tmp_path):
    """A copy of the demo app (small, and in sync) to break on purpose."""
    src = tmp_path / "joud"
    shutil.copytree(SRC / "demo", src / "demo", ignore=shutil.ignore_patterns("__pycache__"))
    return src


@needs_gettext
def test_the_check_passes_an_app_in_sync(scratch_src):
    assert check.problems("demo", scratch_src) == []


@needs_gettext
def test_the_check_finds_a_new_string_missing_from_the_catalogue(scratch_src):
    views = scratch_src / "demo" / "views.py"
    views.write_text(views.read_text() + '\n\nNEW = _("A string nobody has translated")\n')
    assert check.problems("demo", scratch_src) == ["missing: 'A string nobody has translated'"]


@needs_gettext
def test_the_check_finds_a_string_the_sources_no_longer_have(scratch_src):
    apps_py = scratch_src / "demo" / "apps.py"
    apps_py.write_text(apps_py.read_text().replace('_("Demo")', '"Demo"'))
    assert check.problems("demo", scratch_src) == ["obsolete: 'Demo'"]


@needs_gettext
def test_the_check_finds_fuzzy_empty_and_retired_entries(scratch_src):
    po = scratch_src / "demo" / check.CATALOGUE
    text = po.read_text()
    text = text.replace('msgid "Recipient"', '#, fuzzy\nmsgid "Recipient"')
    text = text.replace('msgstr "تصفية"', 'msgstr ""')
    text += '\n#~ msgid "Gone"\n#~ msgstr "ذهب"\n'
    po.write_text(text)
    assert check.problems("demo", scratch_src) == [
        "obsolete (#~): 'Gone'",
        "fuzzy: 'Recipient'",
        "untranslated: 'Filter'",
    ]


@needs_gettext
def test_the_check_wants_a_catalogue_for_an_app_with_strings(scratch_src):
    shutil.rmtree(scratch_src / "demo" / "locale")
    (problem,) = check.problems("demo", scratch_src)
    found = re.fullmatch(r"no catalogue for (\d+) string\(s\): `make messages`", problem)
    assert found and int(found.group(1)) > 0  # however many strings the demo has today
