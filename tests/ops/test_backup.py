"""`sunrelay backup` while Sunrelay writes, `sunrelay restore` into a fresh installation:
every table has the same rows. On PostgreSQL the commands name pg_dump and pg_restore
instead, and the commands they print do the same round trip.
"""

from __future__ import annotations

import contextlib
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from bench.clients import ApiAgent, Customers, run_agent
from bench.sandbox import Sandbox
from bench.sink import Sink
from bench.tally import Tally

PG_BIN = Path("/usr/lib/postgresql/15/bin")
# Tables whose rows are compared one by one (a sample of ids), beyond every table's count.
SAMPLED = ["auth_user", "desk_ticket", "desk_message", "desk_ticketevent", "mail_rawmessage"]


def test_a_backup_taken_under_writes_restores_into_a_fresh_database_row_for_row(sandbox, tmp_path):
    live = sandbox("live", SUNRELAY_MAIL_ACKNOWLEDGE="true")
    with Sink() as sink:
        live.relay_to(sink.port)
        server = live.serve()
        with _writing(live):
            time.sleep(2)  # mail and replies are being written...
            backup = tmp_path / "sunrelay-backup.sqlite3"
            done = live.attempt("backup", str(backup))  # ...while the backup runs
            time.sleep(1)
        live.stop(server)
    fresh = Sandbox(tmp_path / "fresh", name="fresh")
    try:
        if live.engine == "sqlite":
            assert done.returncode == 0, done.stderr
            assert re.match(r"Backed up .* to .* \(.*\d+ stored e-mails\)", done.stdout)
            copy = _File(backup)
            assert copy.query("PRAGMA foreign_key_check") == []  # one consistent moment
            assert not Path(f"{backup}-wal").exists()  # one self-contained file
            restored = fresh.run("restore", str(backup))
            assert restored.startswith(f"Restored {backup} into {fresh.sqlite_path}")
        else:
            copy = live  # pg_dump's copy is compared through the restored database
            _postgres_round_trip(done, live, fresh, backup)
        _same_rows(copy, fresh)
        written = fresh.query("SELECT count(*) FROM mail_rawmessage")[0][0]
        assert written > 0, "the backup holds none of the mail written while it ran"
        assert "Configuration OK" in fresh.run("check")
    finally:
        fresh.close()


@contextlib.contextmanager
def _writing(box: Sandbox):
    """Customers by SMTP and an agent replying by API, until the block ends."""
    tally, stop = Tally(), threading.Event()
    customers = Customers(box.smtp_port, tally, random.Random(5))
    seeded = box.seeded
    agent = ApiAgent(box.web_port, seeded["agents"][0]["token"], seeded["tickets"], tally)
    threads = [
        threading.Thread(target=customers.run, args=(stop, 0.02, 1)),
        threading.Thread(target=run_agent, args=(agent, stop, 0.02, 2, tally)),
    ]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert tally.total_errors() == 0, tally.summary(1)


class _File:
    """A backup file, read the way a sandbox's database is."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def query(self, sql: str) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)) as db:
            return db.execute(sql).fetchall()

    def tables(self) -> list[str]:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return sorted(name for (name,) in self.query(sql))


def _postgres_round_trip(done, live: Sandbox, fresh: Sandbox, dump: Path) -> None:
    assert done.returncode != 0 and "this one is PostgreSQL" in done.stderr, done.stderr
    if not (PG_BIN / "pg_dump").exists() and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed here")
    # The commands exactly as printed, pointed at these databases (trust auth: no password).
    dump_line = next(line for line in done.stderr.splitlines() if "pg_dump " in line)
    restore_advice = fresh.attempt("restore", str(dump)).stderr
    restore_line = next(line for line in restore_advice.splitlines() if "pg_restore " in line)
    for line in (dump_line, restore_line):
        argv = shlex.split(line.strip())
        argv[0] = str(PG_BIN / argv[0]) if (PG_BIN / argv[0]).exists() else argv[0]
        argv = [a.replace("localhost", "127.0.0.1") for a in argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=300)  # noqa: S603


def _same_rows(backup: Sandbox, restored: Sandbox) -> None:
    tables = backup.tables()
    assert restored.tables() == tables
    for table in tables:
        count = f'SELECT count(*) FROM "{table}"'  # noqa: S608
        assert restored.query(count) == backup.query(count), table
    rng = random.Random(13)
    for table in SAMPLED:
        ids = [i for (i,) in backup.query(f'SELECT id FROM "{table}"')]  # noqa: S608
        for pk in rng.sample(ids, min(20, len(ids))):
            row = f'SELECT * FROM "{table}" WHERE id = {pk}'  # noqa: S608
            assert restored.query(row) == backup.query(row), (table, pk)
