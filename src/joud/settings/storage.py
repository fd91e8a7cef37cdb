"""Where uploads are kept: the local disk (the demo's default) or S3-compatible object storage.

Two storages besides the static files:

- ``default``: public media (initiative covers, update photos), served at their URL.
- ``documents``: case documents and organizations' registration documents, private. They are
  encrypted before they are stored (``joud.core.uploads``), have no URL (their storage refuses
  to make one) and are read only through a download view that checks who asks (the case's, the
  ministry's).

``JOUD_STORAGE=local`` (default): media under ``JOUD_MEDIA_ROOT`` (var/media), documents under
``JOUD_DOCUMENTS_ROOT`` (var/documents), outside anything a web server serves.

``JOUD_STORAGE=s3``: ``AWS_STORAGE_BUCKET_NAME`` (public media) and ``JOUD_DOCUMENTS_BUCKET_NAME``
(a separate, private bucket), ``AWS_S3_REGION_NAME`` and/or ``AWS_S3_ENDPOINT_URL`` (MinIO and
other S3-compatible services), ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` (or neither: the
host's IAM role), optionally ``AWS_S3_CUSTOM_DOMAIN`` (a CDN or the bucket's public host name for
media URLs). The production profile refuses S3 with any of these missing (``settings.guard``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import environ

_VAR_DIR = Path(__file__).resolve().parents[3] / "var"
_env = environ.Env()

STATIC_BACKEND = "whitenoise.storage.CompressedManifestStaticFilesStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
STORAGE_CHOICES = ("local", "s3")


def _s3_common(env: Mapping[str, str]) -> dict:
    options = {
        "region_name": env.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
        "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,  # names are random; never replace a stored file
        "signature_version": "s3v4",
    }
    if env.get("AWS_S3_ADDRESSING_STYLE"):  # "path" for most MinIO set-ups
        options["addressing_style"] = env["AWS_S3_ADDRESSING_STYLE"]
    return options


def _public_host(env: Mapping[str, str]) -> str:
    """The host name in public media URLs: the custom domain, else the bucket's regional AWS host
    (the global one redirects for most regions); "" for an S3-compatible endpoint's own URLs."""
    if env.get("AWS_S3_CUSTOM_DOMAIN"):
        return env["AWS_S3_CUSTOM_DOMAIN"]
    bucket, region = env.get("AWS_STORAGE_BUCKET_NAME", ""), env.get("AWS_S3_REGION_NAME", "")
    if env.get("AWS_S3_ENDPOINT_URL") or not (bucket and region):
        return ""
    return f"{bucket}.s3.{region}.amazonaws.com"


def build_storages(env: Mapping[str, str], *, var_dir: Path = _VAR_DIR) -> dict:
    """``STORAGES`` for the environment ``env`` (a mapping of variable names to strings)."""
    kind = (env.get("JOUD_STORAGE") or "local").strip().lower()
    if kind == "s3":
        common = _s3_common(env)
        media = {
            **common,
            "bucket_name": env.get("AWS_STORAGE_BUCKET_NAME", ""),
            "location": env.get("AWS_LOCATION", ""),
            "custom_domain": _public_host(env) or None,
            "querystring_auth": False,  # covers are public: plain URLs
        }
        documents = {
            **common,
            "bucket_name": env.get("JOUD_DOCUMENTS_BUCKET_NAME", ""),
            "default_acl": "private",
            "querystring_auth": True,
        }
        default = {"BACKEND": S3_BACKEND, "OPTIONS": media}
        private = {"BACKEND": "joud.core.private_storage_s3.PrivateS3Storage"}
        private["OPTIONS"] = documents
    else:
        media_root = env.get("JOUD_MEDIA_ROOT") or str(var_dir / "media")
        documents_root = env.get("JOUD_DOCUMENTS_ROOT") or str(var_dir / "documents")
        default = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_root},
        }
        private = {
            "BACKEND": "joud.core.private_storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": documents_root},
        }
    return {
        "default": default,
        "documents": private,
        "staticfiles": {"BACKEND": STATIC_BACKEND},
    }


def media_origin(env: Mapping[str, str]) -> str:
    """Where public media URLs point when they are not this site ("" on the local disk): the
    origin a Content-Security-Policy's img-src must allow for covers kept on S3."""
    if (env.get("JOUD_STORAGE") or "local").strip().lower() != "s3":
        return ""
    if _public_host(env):
        return f"https://{_public_host(env)}"
    endpoint = env.get("AWS_S3_ENDPOINT_URL") or ""
    return urlsplit(endpoint)._replace(path="", query="", fragment="").geturl()


JOUD_STORAGE = _env.str("JOUD_STORAGE", default="local").strip().lower()
JOUD_MEDIA_ORIGIN = media_origin(_env.ENVIRON)
STORAGES = build_storages(_env.ENVIRON)
MEDIA_URL = "/media/"
MEDIA_ROOT = _env.str("JOUD_MEDIA_ROOT", default=str(_VAR_DIR / "media"))
