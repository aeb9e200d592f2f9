"""What `sunrelay backup` and `sunrelay restore` say: the database in words, and the
PostgreSQL tools to use instead (those commands copy SQLite files only)."""

from __future__ import annotations

import sqlite3

from django.db import connection

# What people made, by table: a database holding any of it is not empty.
COUNTED = {
    "auth_user": ("user", "users"),
    "accounts_account": ("account", "accounts"),
    "accounts_contact": ("contact", "contacts"),
    "desk_ticket": ("ticket", "tickets"),
    "desk_message": ("message", "messages"),
    "mail_rawmessage": ("stored e-mail", "stored e-mails"),
}


def holdings(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows of each COUNTED table (by table name) present in the database behind `conn`."""
    present = {
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in COUNTED
        if table in present
    }


def in_words(counts: dict[str, int]) -> str:
    words = [f"{n:,} {COUNTED[table][n != 1]}" for table, n in counts.items()]
    return ", ".join(words) or "no Sunrelay tables"


def postgres_url() -> str:
    """The database as a URL for pg_dump and pg_restore, without its password."""
    db = connection.settings_dict
    user = f"{db['USER']}@" if db.get("USER") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{host}{port}/{db['NAME']}"


def postgres_advice(action: str, path: str) -> str:
    url = postgres_url()
    if action == "backup":
        how = (
            "back it up with pg_dump, which is consistent while Sunrelay runs:\n"
            f"  pg_dump --format=custom --file={path} '{url}'"
        )
    else:
        how = (
            "restore a pg_dump backup with pg_restore, Sunrelay stopped:\n"
            f"  pg_restore --clean --if-exists --no-owner --dbname='{url}' {path}\n"
            "then run `sunrelay migrate`"
        )
    return (
        f"sunrelay {action} copies SQLite databases; this one is PostgreSQL, so {how}\n"
        "(the password comes from PGPASSWORD or ~/.pgpass; see docs/operations.md)."
    )
