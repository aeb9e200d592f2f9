"""SQLite writers queue for their turn (lib/sqlite): many threads and processes writing to one
file at once all get through, a killed holder blocks nobody, and a turn that never comes ends
in a clear error after the timeout."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from sunrelay.lib.sqlite.writers import WriterQueue

# Holds the lock file the way another Sunrelay process would, until killed.
HOLDER = (
    "import fcntl, os, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('holding', flush=True)\n"
    "time.sleep(600)\n"
)


@pytest.fixture
def holder(tmp_path):
    processes = []

    def hold(queue: WriterQueue) -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", HOLDER, str(queue.path)], stdout=subprocess.PIPE, text=True
        )
        processes.append(process)
        assert process.stdout.readline().strip() == "holding"
        return process

    yield hold
    for process in processes:
        process.kill()
        process.wait()


def test_it_gives_threads_one_turn_at_a_time(tmp_path):
    queue = WriterQueue(tmp_path / "db.sqlite3", timeout=10)
    inside, most, turns = [0], [0], []
    lock = threading.Lock()

    def write(n):
        for _ in range(20):
            queue.acquire()
            try:
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                time.sleep(0.001)
                with lock:
                    inside[0] -= 1
                turns.append(n)
            finally:
                queue.release()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert most[0] == 1 and len(turns) == 120


def test_a_writer_waits_for_another_process_and_a_killed_one_frees_the_turn(tmp_path, holder):
    queue = WriterQueue(tmp_path / "db.sqlite3", timeout=20)
    other = holder(queue)
    got = threading.Event()

    def take():
        queue.acquire()
        got.set()
        queue.release()

    taker = threading.Thread(target=take)
    taker.start()
    assert not got.wait(0.5), "the turn was taken while another process held it"
    other.send_signal(signal.SIGKILL)  # dies holding it, mid-transaction as it were
    assert got.wait(5), "a killed holder kept the turn"
    taker.join(5)


def test_a_turn_that_never_comes_is_a_clear_error_and_leaves_nothing_held(tmp_path, holder):
    queue = WriterQueue(tmp_path / "db.sqlite3", timeout=0.3)
    other = holder(queue)
    with pytest.raises(OperationalError, match=r"database is locked: another process .* 0.3 s"):
        queue.acquire()
    other.kill()
    other.wait()
    # The abandoned wait passed the lock on: the next writer gets its turn at once.
    started = time.monotonic()
    queue.acquire()
    queue.release()
    assert time.monotonic() - started < 0.3


def _file_database(path, engine: str, timeout: float):
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": engine,
                "NAME": str(path),
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": timeout,
                },
            }
        }
    )
    return handler


def test_many_threads_writing_at_once_never_hear_database_is_locked(tmp_path, django_db_blocker):
    # Eight writers, each holding the write lock for a few milliseconds at a time, back to
    # back: with SQLite's own polling some wait out a one-second busy timeout (Django's
    # backend fails here); in turn, none waits more than the others' few turns.
    handler = _file_database(tmp_path / "busy.sqlite3", "sunrelay.lib.sqlite", timeout=1)
    errors: list[BaseException] = []
    with django_db_blocker.unblock():
        with handler["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, writer INTEGER)")

        def write(n: int) -> None:
            connection = handler["default"]  # one connection per thread
            try:
                for _ in range(40):
                    # What transaction.atomic() does (it only knows the project's databases).
                    connection.set_autocommit(
                        False, force_begin_transaction_with_broken_autocommit=True
                    )
                    with connection.cursor() as c:
                        c.execute("INSERT INTO note (writer) VALUES (%s)", [n])
                        time.sleep(0.004)  # work done while holding the lock
                    connection.commit()
                    connection.set_autocommit(True)
                    # Outside a transaction: an autocommit write queues as well.
                    with connection.cursor() as c:
                        c.execute("UPDATE note SET writer = writer WHERE id = 1")
            except BaseException as exc:
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        with handler["default"].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            (rows,) = cursor.fetchone()
        handler.close_all()
    assert not errors, errors[:3]
    assert rows == 320
