"""The open data goes through Django's storage: with S3 configured (moto, in process) the files
are objects in the media bucket and the stable addresses serve them from there."""

from __future__ import annotations

import pytest

from joud.transparency.services import opendata_publish
from tests.factories import InitiativeFactory
from tests.fixtures.environment import ensure_geo
from tests.settings import test_storage

s3 = test_storage.s3  # moto's S3 with the media and documents buckets


@pytest.mark.django_db
def test_the_files_are_objects_in_the_bucket_and_served_from_it(s3, client):
    ensure_geo()
    InitiativeFactory()
    release = opendata_publish()
    key = release.files["initiatives.csv"]["path"]
    stored = s3.get_object(Bucket=test_storage.S3["AWS_STORAGE_BUCKET_NAME"], Key=key)
    body = stored["Body"].read()
    assert key.startswith("open-data/") and body.startswith("\ufeffid,code,".encode())
    response = client.get("/open-data/initiatives.csv")
    assert response.status_code == 200 and response.content == body
