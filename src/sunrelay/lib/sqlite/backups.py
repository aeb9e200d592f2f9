"""Copies of a live SQLite database, with sqlite3's online backup API.

- `backup()` copies in one step: one read transaction, so the copy is the database as it
  was at one moment, while the server and the worker go on writing (WAL: a reader never
  stops them). The copy is written beside its destination and renamed into place only once
  it is complete and checked, as a single self-contained file (no -wal beside it).
- `open_backup()` refuses a file that is not a sound SQLite database, in words.
- `restore()` replaces everything in the target database with the backup's contents, in
  one step; connections to the target see the old database or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

HEADER = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup could not be written or read; the message says why, in words."""


def backup(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of the database behind `source` to the new file `target`."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)  # pages=-1: everything in one step, from one snapshot
            copy.execute("PRAGMA journal_mode=DELETE")
            _check(copy, partial)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Could not write the backup {target}: {exc}.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def open_backup(path: Path) -> sqlite3.Connection:
    """A read-only connection to the backup at `path`, after checking it is one."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(HEADER))
    except FileNotFoundError:
        raise BackupError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a folder, not a backup file.") from None
    if header != HEADER:
        raise BackupError(f"{path} is not an SQLite database, so not a Sunrelay backup.")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _check(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def restore(backup_file: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Replace the whole database behind `target` with the backup's."""
    try:
        backup_file.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"Could not restore the backup: {exc}.") from exc


def _check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        (verdict,) = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged: {exc}.") from exc
    if verdict != "ok":
        raise BackupError(f"{path} is damaged: {verdict}.")


def tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows}
