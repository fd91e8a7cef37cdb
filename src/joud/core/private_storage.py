"""The private storage of documents (the ``documents`` alias of ``STORAGES``): case documents and
organizations' registration documents.

Whatever the backend (local disk, S3-compatible, in memory for the tests), a stored document has
no URL: asking for one is a programming error, because the only way out is a download view that
checks the reader and decrypts (``joud.core.uploads.read``). The S3 flavour is in
``private_storage_s3`` (importing boto3 only where S3 is configured).
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class NoUrlMixin:
    def url(self, name, *args, **kwargs):
        raise NotImplementedError(
            "private documents have no URL: they are read through a download view"
        )


class PrivateFileSystemStorage(NoUrlMixin, FileSystemStorage):
    pass


class PrivateInMemoryStorage(NoUrlMixin, InMemoryStorage):
    pass


class _PrivateStorage(LazyObject):
    """``storages["documents"]``, looked up on first use (like Django's ``default_storage``)."""

    def _setup(self):
        self._wrapped = storages["documents"]


documents_storage = _PrivateStorage()


@receiver(setting_changed)
def _forget_storage(*, setting, **kwargs):
    if setting == "STORAGES":  # the tests' override_settings: use the new configuration
        documents_storage._wrapped = empty


def private_storage():
    """The ``documents`` storage; a callable, so migrations do not freeze the configuration."""
    return documents_storage
