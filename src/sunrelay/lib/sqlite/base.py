"""Django's SQLite backend, with writers queued (writers.py) instead of polling.

Every write transaction takes its turn from the file's `WriterQueue` before `BEGIN
IMMEDIATE` and gives it back when it commits, rolls back or its connection closes; a write
statement outside a transaction (autocommit) takes a turn for that statement alone. Readers
take no turn: in WAL mode they read while one writes. In-memory databases (the tests') have
no file to queue on and behave as Django's backend does.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from django.db.backends.sqlite3 import base

from sunrelay.lib.sqlite.writers import WriterQueue

# A statement that writes: the ones a web request or the worker runs outside a transaction.
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)

_queues: dict[Path, WriterQueue] = {}
_queues_lock = threading.Lock()


def queue_for(name: str, timeout: float) -> WriterQueue:
    """The process's one queue for the database file `name`."""
    path = Path(name).resolve()
    with _queues_lock:
        if path not in _queues:
            _queues[path] = WriterQueue(path, timeout)
        return _queues[path]


class QueuedCursor(base.SQLiteCursorWrapper):
    writers: WriterQueue | None = None

    def execute(self, query, params=None):
        if self.writers is None or self.connection.in_transaction or not _WRITE.match(query):
            return super().execute(query, params)
        self.writers.acquire()
        try:
            return super().execute(query, params)
        finally:
            self.writers.release()

    def executemany(self, query, param_list):
        if self.writers is None or self.connection.in_transaction or not _WRITE.match(query):
            return super().executemany(query, param_list)
        self.writers.acquire()
        try:
            return super().executemany(query, param_list)
        finally:
            self.writers.release()


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._writers: WriterQueue | None = None
        self._holds_turn = False

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            self._writers = queue_for(self.settings_dict["NAME"], conn_params.get("timeout", 5))
        return connection

    def create_cursor(self, name=None):
        cursor = self.connection.cursor(factory=QueuedCursor)
        cursor.writers = self._writers
        return cursor

    def _start_transaction_under_autocommit(self):
        if self._writers is not None and not self._holds_turn:
            self._writers.acquire()
            self._holds_turn = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._end_turn()
            raise

    def _end_turn(self) -> None:
        if self._holds_turn:
            self._holds_turn = False
            self._writers.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._end_turn()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._end_turn()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._end_turn()
