"""The mail storage's entry in settings.STORAGES, read from the environment.

Where the bytes of raw mail and attachments live (sunrelay.mail.files; docs/configuration.md,
"Mail storage"): local files under SUNRELAY_FILES_DIR, or an S3-compatible bucket through
django-storages. Kept apart from settings.py so that it reads as one decision.
"""

from __future__ import annotations

from pathlib import Path

from sunrelay.lib.env import envstr


def mail_storage(data_dir: Path, errors: list[str]) -> dict:
    """The STORAGES entry (BACKEND and OPTIONS); problems are appended to `errors` in words."""
    kind = envstr("SUNRELAY_STORAGE", "local").strip().lower()
    if kind == "s3":
        bucket = envstr("SUNRELAY_S3_BUCKET")
        if not bucket:
            errors.append("SUNRELAY_STORAGE is s3 but SUNRELAY_S3_BUCKET is empty.")
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "location": envstr("SUNRELAY_S3_PREFIX", "").strip("/"),
                "endpoint_url": envstr("SUNRELAY_S3_ENDPOINT_URL") or None,
                "region_name": envstr("SUNRELAY_S3_REGION") or None,
                # Empty: boto3 finds credentials itself (environment, instance role).
                "access_key": envstr("SUNRELAY_S3_ACCESS_KEY_ID") or None,
                "secret_key": envstr("SUNRELAY_S3_SECRET_ACCESS_KEY") or None,
                # Names are content hashes: the same name always holds the same bytes.
                "file_overwrite": True,
                "default_acl": None,
            },
        }
    if kind != "local":
        errors.append(f"SUNRELAY_STORAGE must be local or s3, not {kind!r}.")
    return {
        "BACKEND": "sunrelay.lib.storage.DurableFileSystemStorage",
        "OPTIONS": {"location": envstr("SUNRELAY_FILES_DIR", str(data_dir / "files"))},
    }
