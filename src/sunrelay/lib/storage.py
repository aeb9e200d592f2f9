"""Local files that are whole and on disk before anyone is told they are saved.

Django's FileSystemStorage writes straight to a file's name and leaves flushing to the
operating system: a crash can leave half a file under its real name. Sunrelay names files by
their content and never writes a name twice when it holds the right size, so a half file
would stay wrong forever. This storage:

- writes each file under a temporary name beside it (``.<random>.partial``), flushes it to
  disk (fsync), renames it over its name and flushes the directory: after a crash the name
  holds the whole file or nothing;
- keeps the names it is given (overwriting), since callers name files by their content;
- inside ``batch()``, skips the flush per file and flushes the whole file system once when
  the batch ends, so a bulk import pays one flush per batch instead of two per file; the
  caller commits the rows naming the files only after ``batch()`` returns;
- creates files readable by the owner only (mail is personal data), unless
  ``file_permissions_mode`` says otherwise.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import FileSystemStorage

PARTIAL_SUFFIX = ".partial"


def _flush_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DurableFileSystemStorage(FileSystemStorage):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_overwrite", True)
        kwargs.setdefault("file_permissions_mode", 0o600)
        super().__init__(*args, **kwargs)
        self._batches = threading.local()

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name  # content-addressed: the same name holds the same bytes

    @contextmanager
    def batch(self):
        """Files saved inside are on disk when the outermost batch ends without an error."""
        depth = getattr(self._batches, "depth", 0)
        self._batches.depth = depth + 1
        try:
            yield
        finally:
            self._batches.depth = depth
        if depth == 0:
            os.sync()  # one flush for the batch: data and directory entries alike

    def _in_batch(self) -> bool:
        return getattr(self._batches, "depth", 0) > 0

    def _save(self, name: str, content) -> str:
        target = Path(self.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=PARTIAL_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                if not self._in_batch():
                    out.flush()
                    os.fsync(out.fileno())
            os.chmod(temporary, self.file_permissions_mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        if not self._in_batch():
            _flush_directory(target.parent)
        return name
