"""`sunrelay mail import` killed outright in the middle of an archive loses nothing and
duplicates nothing: run again, it skips what was stored; the worker finishes what a killed
batch had stored but not processed. Real processes on a SQLite file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from bench.mailgen import write_mbox

CLI = [sys.executable, "-m", "sunrelay.cli"]
MESSAGES = 1200


def test_an_import_killed_mid_archive_loses_nothing_and_duplicates_nothing(tmp_path):
    db = tmp_path / "import.sqlite3"
    env = {
        **os.environ,
        "SUNRELAY_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{db}",
        "SUNRELAY_LOG_LEVEL": "WARNING",
    }
    mbox = write_mbox(tmp_path / "archive.mbox", MESSAGES)
    subprocess.run([*CLI, "migrate", "-v", "0"], env=env, check=True, timeout=180)  # noqa: S603
    importer = subprocess.Popen(  # noqa: S603
        [*CLI, "mail", "import", "--json", str(mbox)], env=env, stdout=subprocess.DEVNULL
    )
    stored = _count(db, "SELECT count(*) FROM mail_rawmessage")
    deadline = time.monotonic() + 120
    while stored() < 300 and importer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert importer.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    assert 0 < stored() < MESSAGES

    # Run again: what was stored is a duplicate, the rest goes in.
    subprocess.run(  # noqa: S603
        [*CLI, "mail", "import", "--json", str(mbox)], env=env, check=True, timeout=300
    )
    # The killed batch's messages stay claimed until their lease ends; then the worker
    # processes them.
    # (Killed while processing its second batch, the import leaves that batch's 200 pending.)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE mail_rawmessage SET claimed_at = datetime('now', '-1 hour') "
            "WHERE state = 'pending'"
        )
    subprocess.run(  # noqa: S603
        [*CLI, "worker", "--once", "--drain", "mail.recover_inbound"],
        env=env,
        check=True,
        timeout=300,
    )
    with sqlite3.connect(db) as conn:
        states = dict(conn.execute("SELECT state, count(*) FROM mail_rawmessage GROUP BY state"))
        messages = conn.execute("SELECT count(*) FROM desk_message").fetchone()[0]
        ids = conn.execute(
            "SELECT count(*), count(DISTINCT message_id) FROM mail_mailmessageid "
            "WHERE direction = 'in'"
        ).fetchone()
        events = conn.execute(
            "SELECT count(*) FROM desk_ticketevent WHERE kind IN ('created', 'received')"
        ).fetchone()[0]
    assert states == {"processed": MESSAGES}
    assert messages == MESSAGES and events == MESSAGES
    assert ids == (MESSAGES, MESSAGES)


def _count(db, sql):
    def count() -> int:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                return conn.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet, or busy
            return 0

    return count
