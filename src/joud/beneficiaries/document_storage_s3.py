"""Case documents on S3-compatible storage: a private bucket, no URL (see ``document_storage``)."""

from __future__ import annotations

from storages.backends.s3 import S3Storage

from joud.beneficiaries.document_storage import NoUrlMixin


class PrivateS3Storage(NoUrlMixin, S3Storage):
    pass
