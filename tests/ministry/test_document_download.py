"""The ministry's download of a registration document: decrypted for a reviewer only, as an
attachment of the type its content was sniffed to be, never cached, never sniffed; the old key
retired by ``rotate_beneficiary_keys`` (the documents share the field keys)."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from joud.core.tenancy import scopes_disabled
from joud.organizations.models import OrganizationDocument
from tests.beneficiaries.test_case_documents import PDF
from tests.fixtures.signin import login_with_totp
from tests.organizations.test_application import _form

pytestmark = pytest.mark.django_db
NEW_KEY = Fernet.generate_key().decode()
OLD_KEY = settings.JOUD_FIELD_KEYS[0]


def _apply(client, donor) -> OrganizationDocument:
    client.force_login(donor)
    form = _form(registration=SimpleUploadedFile("شهادة التسجيل.pdf", PDF))
    assert client.post("/organizations/apply/", form).status_code == 302
    client.logout()
    with scopes_disabled():
        return OrganizationDocument.objects.get()


def _url(doc) -> str:
    return f"/ministry/documents/{doc.pk}/"


def test_a_reviewer_downloads_the_original(client, donor, reviewer):
    doc = _apply(client, donor)
    with storages["documents"].open(doc.file.name, "rb") as stored:
        assert b"%PDF-" not in stored.read()
    login_with_totp(client, reviewer)
    response = client.get(_url(doc))
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith(".pdf")
    assert "filename*=utf-8''%D8%B4%D9%87%D8%A7%D8%AF%D8%A9" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/ministry/documents/999999/").status_code == 404


def test_the_applicant_and_anonymous_cannot_download(client, donor):
    doc = _apply(client, donor)
    anonymous = client.get(_url(doc))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    login_with_totp(client, donor)  # the organization's own admin, now with two factors
    applicant = client.get(_url(doc))
    assert applicant.status_code == 403 and PDF not in applicant.content


def test_a_missing_file_is_a_404(client, donor, reviewer):
    doc = _apply(client, donor)
    storages["documents"].delete(doc.file.name)
    login_with_totp(client, reviewer)
    assert client.get(_url(doc)).status_code == 404


def test_rotation_re_encrypts_registration_documents(
    client, donor, reviewer, django_capture_on_commit_callbacks
):
    with override_settings(JOUD_FIELD_KEYS=[OLD_KEY]):
        doc = _apply(client, donor)
    before = doc.file.name
    login_with_totp(client, reviewer)
    with override_settings(JOUD_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("rotate_beneficiary_keys", stdout=out)
    assert "re-encrypted 1 registration document(s)" in out.getvalue()
    with scopes_disabled():
        doc = OrganizationDocument.objects.get()
    assert doc.file.name != before and not storages["documents"].exists(before)
    with override_settings(JOUD_FIELD_KEYS=[NEW_KEY]):  # the old key removed
        assert client.get(_url(doc)).content == PDF
