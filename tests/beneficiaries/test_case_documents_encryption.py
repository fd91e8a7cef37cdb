"""Case documents at rest: encrypted before they reach the storage, decrypted only for the case's
caseworkers by the download view, readable across a key rotation, and the documents kept before
encryption moved into the private store by ``move_case_documents``."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from joud.beneficiaries.models import CaseAccessLog, CaseDocument
from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.test_case_documents import HTML, PDF, _png, _post
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db
NEW_KEY = Fernet.generate_key().decode()
OLD_KEY = settings.JOUD_FIELD_KEYS[0]  # the case's people were encrypted with it too


def _download(client, doc):
    url = reverse("beneficiaries:document_download", args=[doc.case.reference, doc.pk])
    return client.get(url)


def _only_document() -> CaseDocument:
    with scopes_disabled():
        return CaseDocument.objects.select_related("case").get()


def _at_rest(doc) -> bytes:
    with storages["documents"].open(doc.file.name, "rb") as stored:
        return stored.read()


def test_the_stored_bytes_are_not_the_document_and_the_download_is(client_a, case_a):
    assert _post(client_a, case_a, "كشف راتب.pdf", PDF, "application/pdf").status_code == 302
    doc = _only_document()
    at_rest = _at_rest(doc)
    assert b"%PDF-" not in at_rest and b"Catalog" not in at_rest
    assert len(at_rest) > len(PDF)

    response = _download(client_a, doc)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%D9%83%D8%B4%D9%81" in disposition and disposition.endswith(".pdf")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    with scopes_disabled():
        logged = CaseAccessLog.objects.filter(case=case_a, action="document")
        assert logged.count() == 1


def test_a_picture_is_downloaded_as_the_type_it_was_sniffed_to_be(client_a, case_a):
    png = _png()
    _post(client_a, case_a, "id.png", png, "application/octet-stream")
    response = _download(client_a, _only_document())
    assert response.content == png
    assert response["Content-Type"] == "image/png"


def test_only_the_cases_own_caseworkers_download(client, client_a, case_a, caseworker_b):
    _post(client_a, case_a, "salary.pdf", PDF, "application/pdf")
    doc = _only_document()
    client_a.logout()
    anonymous = _download(Client(), doc)
    assert anonymous.status_code == 302 and PDF not in anonymous.content
    other = login_with_totp(Client(), caseworker_b)
    assert _download(other, doc).status_code == 404  # another association's case is invisible
    with scopes_disabled():
        assert not CaseAccessLog.objects.filter(action="document").exists()


def test_a_document_has_no_url(client_a, case_a):
    _post(client_a, case_a, "salary.pdf", PDF, "application/pdf")
    with pytest.raises(NotImplementedError):
        _only_document().file.url  # noqa: B018


def test_old_documents_stay_readable_after_a_new_key_and_rotation_retires_the_old_one(
    client_a, case_a, django_capture_on_commit_callbacks
):
    with override_settings(JOUD_FIELD_KEYS=[OLD_KEY]):
        _post(client_a, case_a, "salary.pdf", PDF, "application/pdf")
    doc = _only_document()
    before = doc.file.name
    with override_settings(JOUD_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        assert _download(client_a, doc).content == PDF  # the new key first, the old one kept
        with django_capture_on_commit_callbacks(execute=True):  # the old files go after commit
            call_command("rotate_beneficiary_keys", stdout=io.StringIO())
    doc = _only_document()
    assert doc.file.name != before and not storages["documents"].exists(before)
    with override_settings(JOUD_FIELD_KEYS=[NEW_KEY]):  # the old key removed
        assert _download(client_a, doc).content == PDF
    with override_settings(JOUD_FIELD_KEYS=[OLD_KEY]), pytest.raises(RuntimeError):
        _download(client_a, doc)


def _legacy(case, name: str, data: bytes, original: str = "") -> CaseDocument:
    """A row as stored before encryption: the file in the public media storage as it was named."""
    stored = default_storage.save(name, ContentFile(data))
    with scopes_disabled():
        return CaseDocument.objects.create(
            organization=case.organization,
            case=case,
            kind="other",
            file=stored,
            original_name=original,
        )


def test_old_documents_are_moved_encrypted_under_random_names_once(
    client_a, case_a, django_capture_on_commit_callbacks
):
    before_0003 = _legacy(case_a, "cases/2026/11/evil.html", HTML)
    before_0004 = _legacy(case_a, f"private/cases/{case_a.organization_id}/a1b2.pdf", PDF, "r.pdf")
    old_names = [before_0003.file.name, before_0004.file.name]
    missing = _legacy(case_a, "cases/2026/11/lost.pdf", PDF)
    default_storage.delete(missing.file.name)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the old files go after commit
        call_command("move_case_documents", stdout=out, stderr=out)
    with scopes_disabled():
        moved = {d.pk: d for d in CaseDocument.objects.select_related("case").all()}
    html, pdf = moved[before_0003.pk], moved[before_0004.pk]
    for doc in (html, pdf):
        assert doc.encrypted
        assert doc.file.name.startswith(f"private/cases/{case_a.organization_id}/")
        assert doc.file.name not in old_names
        assert b"<html" not in _at_rest(doc) and b"%PDF-" not in _at_rest(doc)
    assert not any(default_storage.exists(name) for name in old_names)
    assert html.file.name.endswith(".bin") and html.content_type == "application/octet-stream"
    assert html.original_name == "evil.html"
    assert pdf.file.name.endswith(".pdf") and pdf.content_type == "application/pdf"
    assert pdf.original_name == "r.pdf"
    assert not moved[missing.pk].encrypted  # left for a run once the file is restored

    download = _download(client_a, html)
    assert download.content == HTML
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].endswith('evil.bin"')
    assert _download(client_a, pdf).content == PDF

    from joud.beneficiaries.services import documents_move_legacy

    assert documents_move_legacy() == {"moved": 0, "missing": 1}  # idempotent
    with scopes_disabled():
        assert CaseDocument.objects.get(pk=pdf.pk).file.name == pdf.file.name
