"""Registration documents at rest: checked by the shared uploader (joud.core.uploads), encrypted
before they reach the private ``documents`` storage, and the documents kept before encryption
(in the public media storage) moved into it by ``move_organization_documents``."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Organization, OrganizationDocument
from tests.beneficiaries.test_case_documents import HTML, PDF, _png
from tests.organizations.test_application import _form

pytestmark = pytest.mark.django_db


def _at_rest(doc) -> bytes:
    with storages["documents"].open(doc.file.name, "rb") as stored:
        return stored.read()


def _documents() -> list[OrganizationDocument]:
    with scopes_disabled():
        return list(OrganizationDocument.objects.order_by("pk"))


def test_an_application_s_documents_are_stored_encrypted_under_random_names(client, donor):
    client.force_login(donor)
    bylaws = SimpleUploadedFile("النظام الأساسي.png", _png(), content_type="image/png")
    form = _form(registration=SimpleUploadedFile("شهادة.pdf", PDF), bylaws=bylaws)
    assert client.post("/organizations/apply/", form).status_code == 302
    org = Organization.objects.get(name_en="Bahla Charity Team")
    registration, by_laws = _documents()
    assert (registration.kind, by_laws.kind) == ("registration", "bylaws")
    for doc, plain, kind in ((registration, PDF, "pdf"), (by_laws, _png(), "png")):
        assert doc.encrypted
        assert doc.file.name.startswith(f"private/organizations/{org.pk}/")
        assert doc.file.name.endswith(f".{kind}") and "شهادة" not in doc.file.name
        at_rest = _at_rest(doc)
        assert plain not in at_rest and at_rest[:5] not in (b"%PDF-", b"\x89PNG\r")
        assert not default_storage.exists(doc.file.name)  # not in the public media storage
    assert registration.original_name == "شهادة.pdf"
    assert (registration.content_type, by_laws.content_type) == ("application/pdf", "image/png")
    with pytest.raises(NotImplementedError):  # the private storage makes no URL
        registration.file.url  # noqa: B018


@pytest.mark.parametrize(
    "name,data",
    [
        ("evil.html", HTML),  # not on the allow-list
        ("evil.pdf", HTML),  # allowed name, HTML content
        ("picture.pdf", None),  # a real PNG named .pdf
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),  # not a real picture
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_at_apply(client, donor, name, data):
    client.force_login(donor)
    upload = SimpleUploadedFile(name, _png() if data is None else data, content_type="text/html")
    response = client.post("/organizations/apply/", _form(registration=upload))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("registration"), form.errors  # shown on the document's own field
    assert not Organization.objects.filter(name_en="Bahla Charity Team").exists()
    assert not _documents()


def _legacy(org: Organization, name: str, data: bytes, original: str = "") -> OrganizationDocument:
    """A row as stored before encryption: the file in the public media storage."""
    stored = default_storage.save(name, ContentFile(data))
    with scopes_disabled():
        return OrganizationDocument.objects.create(
            organization=org, kind="registration", file=stored, original_name=original
        )


def test_old_documents_are_moved_encrypted_once(organization, django_capture_on_commit_callbacks):
    pdf = _legacy(organization, f"private/organizations/{organization.pk}/a1b2.pdf", PDF, "r.pdf")
    html = _legacy(organization, f"private/organizations/{organization.pk}/x.html", HTML)
    old_names = [pdf.file.name, html.file.name]
    lost = _legacy(organization, f"private/organizations/{organization.pk}/lost.pdf", PDF)
    default_storage.delete(lost.file.name)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the old files go after commit
        call_command("move_organization_documents", stdout=out, stderr=out)
    assert "moved 2 document(s); 1 missing file(s)" in out.getvalue()
    moved = {d.pk: d for d in _documents()}
    pdf, html = moved[pdf.pk], moved[html.pk]
    for doc in (pdf, html):
        assert doc.encrypted and doc.file.name not in old_names
        assert b"%PDF-" not in _at_rest(doc) and b"<html" not in _at_rest(doc)
    assert not any(default_storage.exists(name) for name in old_names)
    assert pdf.file.name.endswith(".pdf") and pdf.content_type == "application/pdf"
    assert pdf.original_name == "r.pdf"
    assert html.file.name.endswith(".bin") and html.content_type == "application/octet-stream"
    assert html.original_name == "x.html"
    assert not moved[lost.pk].encrypted  # left for a run once the file is restored

    again = io.StringIO()
    call_command("move_organization_documents", stdout=again, stderr=again)
    assert "moved 0 document(s); 1 missing file(s)" in again.getvalue()  # idempotent
    with scopes_disabled():
        assert OrganizationDocument.objects.get(pk=pdf.pk).file.name == pdf.file.name
