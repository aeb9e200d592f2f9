"""One writer at a time, in the order they came: a queue in front of SQLite's write lock.

SQLite lets one connection write at a time. The others wait inside sqlite3 by polling,
sleeping up to 100 ms between tries, and give up with "database is locked" when the busy
timeout ends. Under a steady stream of writes that is a lottery: the lock sits idle between
polls while a writer that keeps losing the race can wait past any timeout.

`WriterQueue` replaces the lottery with a queue. A writer first takes its process's lock
(threads wait on it and are woken as soon as it is free), then an exclusive `flock` on a
file beside the database (one thread per process waits for it in the kernel, woken as soon as
the other process closes it). Only then does it begin its transaction, which finds SQLite's
lock free. So a writer waits for the writers ahead of it, not for luck.

- A process that dies holding the file lock loses it with its file descriptors: a killed
  worker never blocks the others.
- Every wait is bounded by `timeout` seconds; past it, `acquire` raises the same
  OperationalError("database is locked ...") sqlite3 would, saying how long it waited.
- Not re-entrant: a thread that holds the queue and asks again (a second connection) waits
  out the timeout and gets the error, as it would from SQLite itself.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

from django.db import OperationalError


class _FileTurn:
    """One attempt at the lock file: its own open file description, so its `flock` excludes
    every other attempt, in this process or another. Closing the descriptor releases it."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        self.mutex = threading.Lock()
        self.granted = threading.Event()
        self.abandoned = False

    def try_now(self) -> bool:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def wait_in_kernel(self) -> None:
        # Runs on a helper thread: flock() has no timeout, the caller's Event.wait() does.
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError:
            self.close()
            return
        with self.mutex:
            if self.abandoned:
                self.close()  # the caller gave up meanwhile: pass the lock on at once
            else:
                self.granted.set()

    def give_up(self) -> bool:
        """True when the caller may still take the lock (granted just now), else abandon it."""
        with self.mutex:
            if self.granted.is_set():
                return True
            self.abandoned = True
            return False

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class WriterQueue:
    """The queue of writers of one SQLite file. Use one instance per file per process."""

    def __init__(self, database: Path, timeout: float) -> None:
        self.path = Path(f"{database}-writer")
        self.timeout = timeout
        self._thread_lock = threading.Lock()
        self._turn: _FileTurn | None = None

    def acquire(self) -> None:
        """Wait for this writer's turn (see the module's docstring); raises OperationalError
        when it does not come within the timeout."""
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise OperationalError(
                f"database is locked: another writer of this process held it for over "
                f"{self.timeout:g} s"
            )
        try:
            self._turn = self._take_file()
        except BaseException:
            self._thread_lock.release()
            raise

    def _take_file(self) -> _FileTurn:
        turn = _FileTurn(self.path)
        if turn.try_now():
            return turn
        threading.Thread(target=turn.wait_in_kernel, daemon=True, name="sqlite-writer").start()
        if turn.granted.wait(self.timeout) or turn.give_up():
            return turn
        raise OperationalError(
            f"database is locked: another process wrote to it for over {self.timeout:g} s"
        )

    def release(self) -> None:
        """End this writer's turn. Call once for each acquire()."""
        turn, self._turn = self._turn, None
        if turn is not None:
            turn.close()
        self._thread_lock.release()
