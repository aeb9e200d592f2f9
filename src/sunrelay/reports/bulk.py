"""Plain-tuple inserts for the clock rows: bulk_create prepares every value through its
field, which costs more than computing the clocks. COPY on PostgreSQL, one prepared
INSERT with executemany on SQLite. Values must already be in the database's terms, except
aware datetimes, which are adapted here (or beforehand with db_value, for speed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from django.db import connection


def sqlite_time(value: datetime) -> str:
    """An aware datetime as Django stores it in SQLite: naive UTC, "YYYY-MM-DD HH:MM:SS[.f]"."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return str(value.replace(tzinfo=None))


def db_value(value):
    """A value ready for insert(): datetimes in SQLite's text form there, as they are
    elsewhere (psycopg adapts them)."""
    if isinstance(value, datetime) and connection.vendor == "sqlite":
        return sqlite_time(value)
    return value


def insert(model, columns: Sequence[str], rows: list[tuple], *, adapted: bool = False) -> None:
    """Insert `rows` (tuples in `columns` order) into `model`'s table. `adapted`: the rows
    were built with db_value already."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if not adapted:
            rows = [
                tuple(sqlite_time(v) if isinstance(v, datetime) else v for v in row) for row in rows
            ]
        marks = ", ".join(["%s"] * len(columns))
        # Only quoted names from the model's metadata go into the text; values are parameters.
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
