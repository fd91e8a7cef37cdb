"""Uploads on S3-compatible storage (``JOUD_STORAGE=s3``): a cover and a case document round-trip
through the configured storages (moto's S3, in process, no network); the local disk stays the
demo's default; the production profile refuses S3 with missing configuration."""

from __future__ import annotations

import io

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from moto import mock_aws
from PIL import Image

from joud.beneficiaries import services
from joud.beneficiaries.models import CaseDocument
from joud.campaigns.images import process_image
from joud.core.tenancy import scopes_disabled
from joud.settings.storage import build_storages, media_origin
from tests.beneficiaries.test_case_documents import PDF
from tests.settings.profiles import production, run

REGION = "me-south-1"
S3 = {
    "JOUD_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "joud-media",
    "JOUD_DOCUMENTS_BUCKET_NAME": "joud-documents",
    "AWS_S3_REGION_NAME": REGION,
    "JOUD_DATA_REGION": REGION,  # personal data stays in the bucket's region (privacy)
    "AWS_ACCESS_KEY_ID": "testing-access-key",
    "AWS_SECRET_ACCESS_KEY": "testing-secret-key",
}
LOAD = ["-c", "import django; django.setup(); print('started')"]


@pytest.fixture
def s3(monkeypatch):
    """moto's S3 with the two buckets, and STORAGES built from the S3 environment."""
    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        client = boto3.client(
            "s3",
            region_name=REGION,
            aws_access_key_id=S3["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3["AWS_SECRET_ACCESS_KEY"],
        )
        for bucket in (S3["AWS_STORAGE_BUCKET_NAME"], S3["JOUD_DOCUMENTS_BUCKET_NAME"]):
            client.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
            )
        configured = build_storages(S3)
        configured["staticfiles"] = {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        }
        with override_settings(STORAGES=configured):
            yield client


def _object(client, bucket: str, key: str) -> bytes:
    return client.get_object(Bucket=bucket, Key=key)["Body"].read()


def _jpeg_upload() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 110, 79)).save(out, "JPEG")
    return SimpleUploadedFile("cover.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.mark.django_db
def test_a_cover_round_trips_through_the_public_bucket(s3, initiative):
    image = process_image(_jpeg_upload())
    initiative.cover_image.save(image.name, image)
    name = initiative.cover_image.name
    assert name.startswith("covers/")
    stored = _object(s3, "joud-media", name)
    assert stored.startswith(b"\xff\xd8\xff")  # the picture itself, in the media bucket
    url = initiative.cover_image.url
    assert url.startswith(media_origin(S3) + "/") and name in url
    assert "Signature" not in url and "X-Amz" not in url  # a plain public address
    served = Client().get(reverse("campaigns:media", args=[name]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == stored
    with pytest.raises(Exception, match="NoSuchKey"):
        _object(s3, "joud-documents", name)


@pytest.mark.django_db
def test_a_case_document_round_trips_encrypted_through_the_private_bucket(
    s3, case_a, caseworker_a, client_a
):
    upload = SimpleUploadedFile("salary.pdf", PDF, content_type="application/pdf")
    with scopes_disabled():
        doc = services.document_add(case=case_a, actor=caseworker_a, kind="income", file=upload)
        doc = CaseDocument.objects.select_related("case").get(pk=doc.pk)
    at_rest = _object(s3, "joud-documents", doc.file.name)
    assert b"%PDF-" not in at_rest and len(at_rest) > len(PDF)
    grants = s3.get_object_acl(Bucket="joud-documents", Key=doc.file.name)["Grants"]
    groups = [grant["Grantee"].get("URI", "") for grant in grants]
    assert not any(g.endswith(("AllUsers", "AuthenticatedUsers")) for g in groups)  # private
    assert not default_storage.exists(doc.file.name)
    with pytest.raises(NotImplementedError):
        doc.file.url  # noqa: B018
    url = reverse("beneficiaries:document_download", args=[doc.case.reference, doc.pk])
    response = client_a.get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"


def test_the_demo_keeps_uploads_on_the_local_disk(tmp_path):
    configured = build_storages({}, var_dir=tmp_path)
    assert configured["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert configured["default"]["OPTIONS"]["location"] == str(tmp_path / "media")
    documents = configured["documents"]
    assert documents["BACKEND"].endswith("PrivateFileSystemStorage")
    assert documents["OPTIONS"]["location"] == str(tmp_path / "documents")  # not under media


def test_an_s3_compatible_endpoint_is_used_for_both_buckets():
    configured = build_storages({**S3, "AWS_S3_ENDPOINT_URL": "https://minio.example.om"})
    for alias in ("default", "documents"):
        assert configured[alias]["OPTIONS"]["endpoint_url"] == "https://minio.example.om"
    assert configured["documents"]["OPTIONS"]["default_acl"] == "private"
    assert configured["documents"]["OPTIONS"]["querystring_auth"] is True
    assert configured["default"]["OPTIONS"]["querystring_auth"] is False


def test_the_origin_of_public_media_for_the_content_security_policy():
    assert media_origin({}) == ""
    assert media_origin(S3) == f"https://joud-media.s3.{REGION}.amazonaws.com"
    minio = {**S3, "AWS_S3_ENDPOINT_URL": "https://minio.example.om:9000/"}
    assert media_origin(minio) == "https://minio.example.om:9000"
    assert (
        media_origin({**minio, "AWS_S3_CUSTOM_DOMAIN": "media.joud.om"}) == "https://media.joud.om"
    )


def test_production_starts_with_a_complete_s3_configuration():
    result = run(LOAD, production(S3))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


REFUSED = [
    ({"AWS_STORAGE_BUCKET_NAME": None}, "AWS_STORAGE_BUCKET_NAME is not set"),
    ({"JOUD_DOCUMENTS_BUCKET_NAME": None}, "JOUD_DOCUMENTS_BUCKET_NAME is not set"),
    ({"JOUD_DOCUMENTS_BUCKET_NAME": "joud-media"}, "JOUD_DOCUMENTS_BUCKET_NAME is the public"),
    ({"AWS_S3_REGION_NAME": None}, "AWS_S3_REGION_NAME (or AWS_S3_ENDPOINT_URL) is not set"),
    ({"JOUD_DATA_REGION": None}, "JOUD_DATA_REGION is not set"),
    ({"AWS_S3_ENDPOINT_URL": "http://minio.example.om"}, "AWS_S3_ENDPOINT_URL is not an https"),
    ({"AWS_SECRET_ACCESS_KEY": None}, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: set both"),
    ({"JOUD_STORAGE": "ftp"}, "JOUD_STORAGE is neither local nor s3"),
]


@pytest.mark.parametrize(("changes", "message"), REFUSED, ids=[m for _c, m in REFUSED])
def test_production_refuses_s3_with_missing_configuration(changes, message):
    result = run(LOAD, production({**S3, **changes}))
    assert result.returncode != 0
    assert "Joud refuses to start with the production settings" in result.stderr
    assert message in result.stderr
    assert S3["AWS_SECRET_ACCESS_KEY"] not in result.stderr
