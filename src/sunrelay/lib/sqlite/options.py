"""The Django database settings of an SQLite database, read by settings.py; no Django
imports, since settings.py loads this before Django is configured."""

from __future__ import annotations

from pathlib import Path

ENGINE = "sunrelay.lib.sqlite"


def configure(config: dict) -> dict:
    """Turns dj_database_url's settings for a sqlite:/// URL into Sunrelay's: its backend,
    WAL, IMMEDIATE transactions, the folder of the database file made; returns `config`."""
    # Django's backend with writers queued for their turn instead of polling for the lock
    # (writers.py): the web server, the SMTP listener and the worker never see
    # "database is locked" under load.
    config["ENGINE"] = ENGINE
    config["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE takes
        # the write lock at BEGIN so concurrent writers wait instead of failing.
        # mmap: pages are read from the operating system's file cache in place, not
        # copied into each connection's own cache first.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        # How long a writer waits for its turn before giving up.
        "timeout": 20,
    }
    # A connection is kept for the next request of its thread, with its page cache warm:
    # opening one and its first reads cost more than most of a page's queries.
    config["CONN_MAX_AGE"] = 60
    config["CONN_HEALTH_CHECKS"] = True
    if config["NAME"] and config["NAME"] != ":memory:":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Tests run on an in-memory database, as they do on Django's own SQLite backend
    # (said outright: pytest-django only recognises that backend by its name).
    config["TEST"] = {"NAME": ":memory:"}
    return config
