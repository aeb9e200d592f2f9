"""Reading messages from files: single .eml files, Maildir folders, mbox files, a stream.

Everything is streamed: an mbox is read line by line and one message at a time is held in
memory, so importing a large archive takes as much memory as its largest message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

MAIL_SUFFIXES = {".eml", ".mbox", ".mbx"}
_ESCAPED_FROM = re.compile(rb"^>+From ")


def is_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def iter_mbox(handle: BinaryIO) -> Iterator[bytes]:
    """Messages of an mbox stream (mboxo and mboxrd: '>From ' lines lose one '>').

    A message starts at a "From " line at the top of the file or after a blank line.
    """
    lines: list[bytes] = []
    started = False
    previous_blank = True
    for line in handle:
        if line.startswith(b"From ") and previous_blank:
            if started and lines:
                yield _finish(lines)
            lines = []
            started = True
            previous_blank = False
            continue
        previous_blank = line in (b"\n", b"\r\n")
        if not started:
            continue
        if line.startswith(b">") and _ESCAPED_FROM.match(line):
            line = line[1:]
        lines.append(line)
    if started and lines:
        yield _finish(lines)


def _finish(lines: list[bytes]) -> bytes:
    # The blank line before the next "From " separator belongs to the mbox format.
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    return b"".join(lines)


def iter_maildir(path: Path) -> Iterator[bytes]:
    for sub in ("cur", "new"):
        folder = path / sub
        if folder.is_dir():
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file():
                    yield Path(entry.path).read_bytes()


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def iter_path(path: Path) -> Iterator[bytes]:
    """Messages in a file or folder: Maildir, a folder of .eml/.mbox files, an mbox, one .eml."""
    if is_maildir(path):
        yield from iter_maildir(path)
    elif path.is_dir():
        # In a plain folder, mail files by their extension; other files are left alone.
        for child in sorted(path.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_dir() or child.suffix.lower() in MAIL_SUFFIXES:
                yield from iter_path(child)
    elif is_mbox(path):
        with path.open("rb") as handle:
            yield from iter_mbox(handle)
    else:
        yield path.read_bytes()


def count_hint(path: Path) -> int | None:
    """A quick message count for a progress bar, or None when counting would cost a read."""
    if is_maildir(path):
        return sum(len(os.listdir(path / sub)) for sub in ("cur", "new"))
    if path.is_file() and not is_mbox(path):
        return 1
    return None
