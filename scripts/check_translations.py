#!/usr/bin/env python
"""Every app's Arabic catalogue covers its sources, completely.

For each app under src/joud (a folder with an ``apps.py``), the strings its sources mark for
translation are extracted afresh with Django's ``makemessages`` (GNU xgettext) into a scratch
copy, and compared with the committed ``locale/ar/LC_MESSAGES/django.po``:

- every extracted msgid is in the catalogue, and nothing else is (no stale entries, no ``#~``);
- every entry has a non-empty, non-fuzzy Arabic translation whose placeholders match, and none
  still carries gettext's "#| msgid" note of an older English string it was matched to;
- the catalogue declares Arabic's six plural forms.

Usage: ``scripts/check_translations.py [app ...]`` (all apps by default); exits 1 on problems.
``make messages`` re-extracts the catalogues; ``tests/test_translations.py`` runs the same check.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "joud"
CATALOGUE = Path("locale/ar/LC_MESSAGES/django.po")
ARABIC_PLURALS = 6


def apps(src: Path = SRC) -> list[str]:
    """Every Django app of Joud, by folder name."""
    return sorted(p.parent.name for p in src.glob("*/apps.py"))


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="ar")


def key(message) -> tuple[str, str | tuple[str, ...]]:
    """An entry's identity: its context and its msgid (with the plural msgid, if any)."""
    msgid = message.id if isinstance(message.id, str) else tuple(message.id)
    return (message.context or "", msgid)


def extract(app: str, src: Path = SRC) -> Catalog | None:
    """What ``makemessages -l ar`` finds in the app's sources today (None: no strings)."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory(prefix=f"joud-messages-{app}-") as scratch:
        copy = Path(scratch) / app
        shutil.copytree(
            src / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "locale")
        )
        (copy / "locale").mkdir()
        with contextlib.chdir(copy):
            call_command("makemessages", locale=["ar"], no_obsolete=True, verbosity=0)
        fresh = copy / CATALOGUE
        return read(fresh) if fresh.exists() else None


def _label(msgid) -> str:
    return repr(msgid if isinstance(msgid, str) else msgid[0])


def problems(app: str, src: Path = SRC) -> list[str]:
    """Everything wrong with ``app``'s Arabic catalogue; empty when it is complete and in sync."""
    fresh = extract(app, src)
    path = src / app / CATALOGUE
    wanted = {key(m) for m in fresh if m.id} if fresh else set()
    if not path.exists():
        return [f"no catalogue for {len(wanted)} string(s): `make messages`"] if wanted else []
    catalog = read(path)
    found: list[str] = []
    have = {key(m) for m in catalog if m.id}
    found += [f"missing: {_label(k[1])}" for k in sorted(wanted - have, key=str)]
    found += [f"obsolete: {_label(k[1])}" for k in sorted(have - wanted, key=str)]
    found += [f"obsolete (#~): {_label(m.id)}" for m in catalog.obsolete.values()]
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {_label(message.id)}")
        elif message.previous_id or any(c.startswith("| msgid") for c in message.user_comments):
            # gettext matched it to an older English string ("#| msgid …"): the Arabic was written
            # for that one. Clearing the fuzzy flag without checking left wrong Arabic behind.
            found.append(
                f"unchecked match to an older msgid (check, then drop '#|'): {_label(message.id)}"
            )
        if not all(s and s.strip() for s in strings):
            found.append(f"untranslated: {_label(message.id)}")
    for message, errors in catalog.check():  # placeholders such as %(name)s must match
        found += [f"{_label(message.id)}: {error}" for error in errors]
    if catalog.num_plurals != ARABIC_PLURALS:
        found.append(f"Plural-Forms declares {catalog.num_plurals} forms, Arabic has six")
    return found


def main(argv: list[str]) -> int:
    if shutil.which("xgettext") is None:
        print("check_translations: GNU gettext (xgettext) is missing: run `make system-deps`")
        return 2
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joud.settings.base")
    import django

    django.setup()
    chosen = argv or apps()
    failed = 0
    for app in chosen:
        found = problems(app)
        if found:
            failed += 1
            print(f"src/joud/{app}/{CATALOGUE}: {len(found)} problem(s)")
            print("\n".join(f"  {line}" for line in found))
    if failed:
        print(f"translations: {failed} of {len(chosen)} catalogue(s) need work: `make messages`,")
        print("then translate every new or fuzzy entry into Arabic.")
        return 1
    print(f"translations: {len(chosen)} Arabic catalogue(s) complete and in sync")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
