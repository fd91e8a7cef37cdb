"""Every Arabic catalogue is complete, and the catalogues of the foundation apps match their sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parent.parent / "src" / "joud"
CATALOGUES = sorted(SRC.glob("*/locale/ar/LC_MESSAGES/django.po"))
# Apps whose catalogue must list exactly the strings of their sources (re-extracted here).
IN_SYNC = ["accounts", "core", "geo"]


def _read(path: Path):
    with path.open("rb") as f:
        return read_po(f, locale="ar")


def _key(message) -> tuple:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return (message.context or "", msgid)


def test_there_are_catalogues():
    apps = {p.parts[-5] for p in CATALOGUES}
    assert {"core", "web", "accounts", "geo", "organizations"} <= apps


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


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("app", IN_SYNC)
def test_catalogue_is_in_sync_with_the_sources(app, tmp_path, monkeypatch):
    from django.core.management import call_command

    copy = tmp_path / app
    shutil.copytree(SRC / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["ar"], no_obsolete=True, verbosity=0)
    fresh = {_key(m) for m in _read(copy / "locale/ar/LC_MESSAGES/django.po") if m.id}
    committed = {_key(m) for m in _read(SRC / app / "locale/ar/LC_MESSAGES/django.po") if m.id}
    assert fresh - committed == set(), f"run makemessages in src/joud/{app} and translate"
    assert committed - fresh == set(), f"obsolete strings in src/joud/{app}: run makemessages"
