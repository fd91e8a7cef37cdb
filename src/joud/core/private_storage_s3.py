"""Private documents on S3-compatible storage: a private bucket, no URL (see ``private_storage``)."""

from __future__ import annotations

from storages.backends.s3 import S3Storage

from joud.core.private_storage import NoUrlMixin


class PrivateS3Storage(NoUrlMixin, S3Storage):
    pass
