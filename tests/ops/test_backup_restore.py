"""manage.py backup / restore: a round trip on PostgreSQL into a fresh, separate database.

Donations are confirmed and posted to the ledger, most of them sealed into the hash chain; the
backup is restored by a separate process (as an operator would run it) into a throwaway
database, where ledger_verify passes and the chain head, every table's row count and the
uploaded files (public and private) equal the original's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from joud.core.backup import current_state, postgres
from joud.ledger.models import Transaction
from joud.ledger.services import ledger_seal
from tests.donations.factories import deliver, event_body, make_donation

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = b"%PDF-1.4 a case document: private, never served\n"
COVER = b"\x89PNG\r\n\x1a\n a public cover"


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def throwaway_database():
    """A new, empty database on the same server, dropped afterwards."""
    name = f"joud_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(*args: str, database_url: str, media: Path, **env: str):
    """Run manage.py as an operator would: a new process, its own settings and database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "joud.settings.base",
        "DATABASE_URL": database_url,
        "JOUD_MEDIA_ROOT": str(media),
        "JOUD_DOCUMENTS_ROOT": str(media.parent / "restored-documents"),
        **env,
    }
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _give(initiative, amounts):
    for amount in amounts:
        _donation, attempt = make_donation(initiative=initiative, amount=amount)
        assert deliver(event_body(attempt))[1]["status"] == "confirm"


def _restored_head(name: str) -> tuple[int, str, int]:
    with psycopg.connect(_url(name)) as conn:
        seq, digest = conn.execute(
            "SELECT seq, hash FROM ledger_transaction WHERE seq IS NOT NULL "
            "ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        (count,) = conn.execute("SELECT count(*) FROM ledger_transaction").fetchone()
    return seq, digest, count


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_the_chain_intact(
    initiative, throwaway_database, tmp_path, settings, monkeypatch
):
    # Uploads on the local disk: public media, and the case documents' own private storage
    # where the settings have one (issue 13's storage work), else under media's private/.
    has_documents = "documents" in settings.STORAGES
    local = {
        alias: {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / alias)},
        }
        for alias in ("default", "documents")
        if alias == "default" or has_documents
    }
    settings.STORAGES = {**settings.STORAGES, **local}
    private = storages["documents"] if has_documents else default_storage
    _give(initiative, ["5.000", "12.500", "0.750"])
    assert ledger_seal() == 3
    _give(initiative, ["20.000"])  # confirmed, not yet sealed: backed up as it is
    document = private.save("private/cases/1/a1b2.pdf", ContentFile(DOCUMENT))
    cover = default_storage.save("covers/cover.png", ContentFile(COVER))
    head = Transaction.objects.filter(seq__isnull=False).order_by("-seq").first()
    assert (head.seq, Transaction.objects.count()) == (3, 4)

    # Someone writes while the dump runs: the dump and the manifest both leave it out (one
    # exported snapshot), so the restore still matches its manifest exactly.
    real_dump = postgres.dump

    def dump_while_the_site_writes(alias, target, *, snapshot):
        with psycopg.connect(_url(settings.DATABASES["default"]["NAME"]), autocommit=True) as c:
            c.execute("INSERT INTO auth_group (name) VALUES ('written during the dump')")
        real_dump(alias, target, snapshot=snapshot)

    monkeypatch.setattr(postgres, "dump", dump_while_the_site_writes)
    folder = tmp_path / "backup"
    call_command("backup", str(folder))

    manifest = json.loads((folder / "manifest.json").read_text())
    # Personal data: the backup is its owner's alone, whatever the uploads' modes were.
    assert folder.stat().st_mode & 0o777 == 0o700
    for written in ("database.dump", "manifest.json", f"files/default/{cover}"):
        assert (folder / written).stat().st_mode & 0o777 == 0o600, written
    assert manifest["ledger"] == {
        "transactions": 4,
        "entries": manifest["ledger"]["entries"],
        "sealed": 3,
        "head_seq": 3,
        "head_hash": head.hash,
    }
    assert manifest["ledger"]["entries"] >= 8
    assert manifest["tables"]["auth_group"] == 0 and Group.objects.count() == 1
    assert sum(info.get("files", 0) for info in manifest["files"].values()) == 2
    assert "ledger.0001_initial" in manifest["migrations"]
    keys_needed = (folder / "KEYS-NEEDED.txt").read_text()
    for name in ("JOUD_FIELD_KEYS", "JOUD_BLIND_INDEX_KEY", "DJANGO_SECRET_KEY"):
        assert name in keys_needed
    for secret in (*settings.JOUD_FIELD_KEYS, settings.JOUD_BLIND_INDEX_KEY, settings.SECRET_KEY):
        for written in folder.rglob("*.t*"):  # manifest.json and KEYS-NEEDED.txt
            assert secret not in written.read_text()

    url, restored_media = _url(throwaway_database), tmp_path / "restored-media"
    restored_documents = tmp_path / "restored-documents" if has_documents else restored_media

    # Another blind-index key: refused before anything is written.
    refused = _manage(
        "restore", str(folder), database_url=url, media=restored_media,
        JOUD_BLIND_INDEX_KEY="another-blind-index-key-" + "x" * 32,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "JOUD_BLIND_INDEX_KEY is not the key of the backup" in refused.stderr
    with psycopg.connect(url) as conn:
        assert (
            conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
            == 0
        )

    restored = _manage("restore", str(folder), database_url=url, media=restored_media)
    assert restored.returncode == 0, restored.stderr + restored.stdout
    assert "ledger OK" in restored.stdout
    assert _restored_head(throwaway_database) == (3, head.hash, 4)
    verified = _manage("ledger_verify", database_url=url, media=restored_media)
    assert verified.returncode == 0, verified.stderr
    assert "sealed: 3  unsealed (not yet chained): 1" in verified.stdout
    assert (restored_documents / document).read_bytes() == DOCUMENT
    assert (restored_media / cover).read_bytes() == COVER
    # Put back with the modes uploads get (FILE_UPLOAD_PERMISSIONS), so nginx can serve covers.
    assert (restored_media / cover).stat().st_mode & 0o777 == settings.FILE_UPLOAD_PERMISSIONS

    # The restored database answers every table's count the original had at backup time.
    with psycopg.connect(url) as conn:
        for table, rows in manifest["tables"].items():
            query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            assert conn.execute(query).fetchone()[0] == rows, table

    # A database that does not exist: a message, not a traceback.
    missing = _manage(
        "restore", str(folder), database_url=_url(f"{throwaway_database}_missing"),
        media=restored_media,
    )  # fmt: skip
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert "cannot connect to the database" in missing.stderr

    # A second restore into the now used database is refused without --force.
    again = _manage("restore", str(folder), database_url=url, media=restored_media)
    assert again.returncode != 0
    assert "is not empty" in again.stderr

    # A backup whose manifest no longer matches its dump is caught after restoring.
    manifest["ledger"]["head_hash"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    forged = _manage("restore", str(folder), "--force", database_url=url, media=restored_media)
    assert forged.returncode != 0
    assert "ledger head_hash" in forged.stderr


@pytest.mark.django_db(transaction=True)
def test_the_manifest_counts_come_from_the_dumps_snapshot(initiative):
    """current_state reads what the backup compares; it sees the ledger as the ORM does."""
    _give(initiative, ["1.000", "2.000"])
    ledger_seal()
    state = current_state()
    assert state["ledger"]["transactions"] == 2
    assert state["tables"]["ledger_transaction"] == 2
    assert state["ledger"]["head_hash"] == Transaction.objects.get(seq=2).hash


def test_backup_refuses_sqlite_with_a_clear_message(tmp_path):
    result = _manage(
        "backup",
        str(tmp_path / "backup"),
        database_url=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        media=tmp_path / "media",
    )
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr
    assert not (tmp_path / "backup").exists()
