"""Whether the mail storage and the database agree, and copies of the files for backups.

`check()` lists the files under each kind's folder (one listing per two-hex-digit folder, so
object storage is asked a few hundred times, not once per file) and reads the names the
database holds, a chunk at a time:
- missing: a name some row holds whose file is not there (lost, or not restored);
- orphans: a file no row names: left by a crash between the file's write and its row's
  commit (mail.files), a temporary ``*.partial`` of a write that died, or, for a few
  minutes, work still in progress. Orphans are harmless and only listed;
- with `verify`, corrupt: a file whose SHA-256 is not its name (read whole, so slow).
The names are held in memory: about 150 MB per million files.

`backup()` copies every file the database names into a folder, through mail.files; a file
already there with the right size is skipped, so the next backup copies only what is new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sunrelay.mail import files
from sunrelay.mail.models import Attachment, RawMessage

# Each folder of the storage and the model whose rows name its files (storage_name, size).
# Apps above mail add theirs (register), e.g. the portal's files of unconfirmed requests.
KINDS = {files.RAW: RawMessage, files.ATTACHMENTS: Attachment}


def register(kind: str, model) -> None:
    """Files under `kind/` are named by `model`'s rows (its storage_name and size fields)."""
    KINDS[kind] = model


CHUNK = 2000


@dataclass
class Findings:
    files: int = 0  # files found in the storage
    names: int = 0  # distinct names the database holds
    missing: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    corrupt: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not (self.missing or self.corrupt)


def stored(kind: str) -> Iterator[str]:
    store = files.storage()
    try:
        folders = store.listdir(kind)[0]
    except FileNotFoundError:  # nothing stored yet (local files)
        return
    for folder in sorted(folders):
        for name in sorted(store.listdir(f"{kind}/{folder}")[1]):
            yield f"{kind}/{folder}/{name}"


def named(kind: str) -> Iterator[tuple[str, int]]:
    """(name, size) of each row of `kind` (a name once per row that holds it)."""
    rows = KINDS[kind].objects.exclude(storage_name="").order_by()
    yield from rows.values_list("storage_name", "size").iterator(chunk_size=CHUNK)


def check(*, verify: bool = False, progress: Callable[[str], None] = lambda _: None) -> Findings:
    found = Findings()
    for kind in list(KINDS):
        progress(f"Listing {kind}")
        present = set(stored(kind))
        found.files += len(present)
        progress(f"Reading the names of {kind} in the database")
        seen: set[str] = set()
        for name, _size in named(kind):
            if name in seen:
                continue
            seen.add(name)
            if name not in present:
                found.missing.append(name)
            elif verify and files.digest(files.read(name)) != name.rpartition("/")[2]:
                found.corrupt.append(name)
        found.names += len(seen)
        found.orphans += sorted(present - seen)
    return found


def backup(destination: Path, *, progress: Callable[[int], None] = lambda _: None) -> int:
    """Copy the files the database names into `destination`; how many were copied."""
    copied = 0
    for kind in list(KINDS):
        for name, size in dict(named(kind)).items():
            target = destination / name
            if target.is_file() and target.stat().st_size == size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".partial")
            partial.write_bytes(files.read(name))
            partial.replace(target)
            copied += 1
            progress(copied)
    return copied
