"""The private storage of case documents (the ``documents`` alias of ``STORAGES``).

Whatever the backend (local disk, S3-compatible, in memory for the tests), a stored document has
no URL: asking for one is a programming error, because the only way out is the case's download
view, which checks the reader and decrypts (``joud.beneficiaries.documents``). The S3 flavour is
in ``document_storage_s3`` (importing boto3 only where S3 is configured).
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages


class NoUrlMixin:
    def url(self, name, *args, **kwargs):
        raise NotImplementedError(
            "case documents have no URL: they are read through the case's download view"
        )


class PrivateFileSystemStorage(NoUrlMixin, FileSystemStorage):
    pass


class PrivateInMemoryStorage(NoUrlMixin, InMemoryStorage):
    pass


def document_storage():
    """The ``documents`` storage; a callable, so migrations do not freeze the configuration."""
    return storages["documents"]
