"""The bytes of raw mail and attachments: written, read, served and deleted here, nowhere else.

They live in the storage named "mail" in settings.STORAGES (local files under
SUNRELAY_FILES_DIR by default, S3-compatible object storage by configuration; see
docs/configuration.md). Database rows keep the file's name, size and SHA-256 only.

The rules:
- A file's name is its content: ``<kind>/<first two hex digits>/<sha256>``. The same bytes
  always get the same name, so a file delivered again is stored once and writing twice is
  harmless. A name that already holds a file of the right size is not written again.
- Bytes before the row: a writer saves the file inside the transaction that inserts the row
  naming it, before that transaction commits. A crash in between leaves at most a file no row
  names (an orphan), never a row without its file. `sunrelay storage check` lists both.
- Raw mail is written after its row is inserted (still before the commit): the row's unique
  dedup key makes a re-delivery of the same bytes wait for a purge deleting them to finish,
  so the purge cannot delete a file a new row is about to name. A raw file belongs to one row
  (one dedup key per bytes) and is deleted with it (mail.retention). Attachment files may be
  shared by several messages and are never deleted: messages are never deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

RAW = "raw"
ATTACHMENTS = "attachments"
STORAGE = "mail"


def storage():
    return storages[STORAGE]


def name_for(kind: str, sha256: str) -> str:
    return f"{kind}/{sha256[:2]}/{sha256}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _holds(name: str, size: int) -> bool:
    try:
        return storage().size(name) == size  # one stat, or one HEAD request
    except FileNotFoundError:
        return False


def put(name: str, data: bytes) -> None:
    """Make `name` hold `data` (which must be what the name says: see name_for)."""
    if not _holds(name, len(data)):
        saved = storage().save(name, ContentFile(data))
        if saved != name:  # a storage configured to rename instead of overwrite
            raise RuntimeError(f"The mail storage saved {name} as {saved}; it must overwrite.")


def put_many(files: Iterable[tuple[str, bytes]]) -> None:
    """put() for each (name, data), flushed together where the storage can (a batch)."""
    batch = getattr(storage(), "batch", None)
    with batch() if batch else contextlib.nullcontext():
        for name, data in files:
            put(name, data)


def read(name: str, limit: int = -1) -> bytes:
    """The bytes stored under `name` (the first `limit` of them, if given);
    FileNotFoundError when they are missing."""
    with storage().open(name, "rb") as handle:
        return handle.read(limit)


def delete(names: Iterable[str]) -> None:
    store = storage()
    for name in names:
        if name:
            store.delete(name)


# Bytes that a process has in hand for a row it just stored, so processing it right away does
# not read them back from the storage.
def keep(row, data: bytes) -> None:
    row.__dict__["_stored_bytes"] = data


def forget(row) -> None:
    row.__dict__.pop("_stored_bytes", None)


def kept(row) -> bytes | None:
    return row.__dict__.get("_stored_bytes")


def raw_of(row) -> bytes:
    """A raw message's bytes (mail.models.RawMessage)."""
    data = kept(row)
    return data if data is not None else read(row.storage_name)


def content_of(attachment) -> bytes:
    """An attachment's bytes (mail.models.Attachment)."""
    data = kept(attachment)
    return data if data is not None else read(attachment.storage_name)


MISSING = (
    "The file {name} is missing from the mail storage, so it cannot be downloaded. "
    "`sunrelay storage check` lists every missing file; restore them from a backup."
)


def download(name: str, filename: str, content_type: str) -> FileResponse:
    """The stored file as a download, streamed, never rendered in our origin: files come from
    strangers. A missing file answers 404, saying so."""
    try:
        handle = storage().open(name, "rb")
    except FileNotFoundError:
        raise Http404(MISSING.format(name=name)) from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
