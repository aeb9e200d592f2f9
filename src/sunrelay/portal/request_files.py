"""The bytes of files sent with a web request that waits for its confirmation.

They are files in the mail storage (sunrelay.mail.files) under
``waiting/<request id>/<sha256>``: named by their request as well as their content, so each
belongs to one request and goes with it, whatever other requests hold the same bytes. As
everywhere in the mail storage, a file is saved before the row naming it commits (a crash
leaves at most an orphan, which `sunrelay storage check` lists), and deleted only after the
row's deletion has committed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from sunrelay.mail import files
from sunrelay.mail.replies import NewFile

KIND = "waiting"


def name_for(request_id: int, data: bytes) -> str:
    return f"{KIND}/{request_id}/{files.digest(data)}"


def save(request_id: int, data: bytes) -> str:
    """Store `data` for the request; the name to keep in its RequestFile row."""
    name = name_for(request_id, data)
    files.put(name, data)
    return name


def read(rows: Iterable) -> list[NewFile]:
    """The request's files (RequestFile rows) as files to attach to its ticket."""
    return [NewFile(f.filename, f.content_type, files.read(f.storage_name)) for f in rows]


def delete_after_commit(names: Iterable[str]) -> None:
    """Delete the files once the transaction deleting their rows has committed (at once
    outside a transaction): a rollback keeps both."""
    doomed = [name for name in names if name]
    if doomed:
        transaction.on_commit(lambda: files.delete(doomed))
