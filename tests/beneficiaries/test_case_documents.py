"""Case documents: PDF, JPEG or PNG by name and by content, kept privately under a random name,
encrypted (tests/beneficiaries/test_case_documents_encryption.py shows the bytes at rest)."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from joud.beneficiaries import services
from joud.beneficiaries.models import CaseDocument
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
HTML = b"<html><script>alert(document.cookie)</script></html>"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def _post(client, case, name: str, data: bytes, content_type: str, lang: str = "ar"):
    url = reverse("beneficiaries:document_add", args=[case.reference]) + f"?lang={lang}"
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(url, {"kind": "income", "file": upload, "note": ""})


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "Documents must be PDF, JPEG or PNG files."), ("ar", "PDF أو JPEG أو PNG")],
)
def test_an_html_file_is_refused_with_a_translated_error(client_a, case_a, lang, message):
    response = _post(client_a, case_a, "evil.html", HTML, "text/html", lang)
    assert response.status_code == 400
    assert message in response.content.decode()
    with scopes_disabled():
        assert not CaseDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("salary.pdf", HTML),  # HTML renamed .pdf
        ("id.png", HTML),
        ("id.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
        ("salary.pdf", None),  # a real PNG renamed .pdf
        ("salary.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ],
)
def test_content_that_is_not_what_its_name_says_is_refused(client_a, case_a, name, data):
    response = _post(client_a, case_a, name, _png() if data is None else data, "application/pdf")
    assert response.status_code == 400
    with scopes_disabled():
        assert not CaseDocument.objects.exists()


@pytest.mark.parametrize(("name", "data"), [("كشف راتب.PDF", PDF), ("../../id card.png", None)])
def test_a_real_document_is_stored_privately_under_a_random_name(client_a, case_a, name, data):
    data = _png() if data is None else data
    response = _post(client_a, case_a, name, data, "application/octet-stream")
    assert response.status_code == 302
    with scopes_disabled():
        doc = CaseDocument.objects.get()
    stored = doc.file.name
    assert stored.startswith(f"private/cases/{case_a.organization_id}/")
    assert "راتب" not in stored and "card" not in stored and ".." not in stored
    assert stored.endswith(".pdf" if data == PDF else ".png")
    assert doc.original_name == name.rsplit("/", 1)[-1]
    assert not default_storage.exists(stored)  # not among the public media
    assert storages["documents"].exists(stored)
    assert doc.encrypted and doc.content_type == ("application/pdf" if data == PDF else "image/png")


def test_the_service_refuses_too(case_a, caseworker_a):
    upload = SimpleUploadedFile("evil.html", HTML, content_type="text/html")
    with scopes_disabled(), pytest.raises(BusinessError):
        services.document_add(case=case_a, actor=caseworker_a, kind="other", file=upload)
