"""Plain-tuple inserts for rows whose ids nobody needs (the demo's event log, imports).

bulk_create spends most of its time building model instances and preparing each value
through its field (about 60 µs a row here): for a quarter of a million events that is
most of the demo's loading time. These rows go in as tuples instead: COPY on PostgreSQL,
one prepared INSERT with executemany elsewhere.
Values arrive in Python form; datetimes are adapted by the backend's own operations and
JSON is encoded as JSONField encodes it (json.dumps, SQL NULL for None).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connections, models


def json_value(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def insert_rows(
    model,
    field_names: Sequence[str],
    rows: list[tuple],
    *,
    adapted: bool = False,
    using: str = "default",
) -> None:
    """Insert `rows`, tuples of values in `field_names` order, into `model`'s table.

    Field names may be attnames ("ticket_id"); foreign keys are given as ids. Datetimes must
    be timezone-aware and are adapted here, unless `adapted` says the caller did it already
    (bench.reportgen, in its hot loops).
    """
    if not rows:
        return
    connection = connections[using]
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg adapts aware datetimes itself; COPY parses JSON text into jsonb.
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        positions = [i for i, f in enumerate(fields) if isinstance(f, models.DateTimeField)]
        adapt = connection.ops.adapt_datetimefield_value
        if positions and not adapted:
            rows = [_adapted(row, positions, adapt) for row in rows]
        placeholders = ", ".join(["%s"] * len(fields))
        # Only quoted names from the model's own metadata go into the text; values are
        # parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(sql, rows)


def _adapted(row: tuple, positions: list[int], adapt) -> tuple:
    values = list(row)
    for i in positions:
        values[i] = adapt(values[i])
    return tuple(values)


def update_rows(model, field_names: Sequence[str], rows: list[tuple]) -> None:
    """UPDATE `field_names` of many rows by id: `rows` are tuples of the values then the id.

    One prepared statement for them all; bulk_update's CASE expressions cost far more.
    """
    if not rows:
        return
    connection = connections["default"]
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    positions = [i for i, f in enumerate(fields) if isinstance(f, models.DateTimeField)]
    if positions:
        adapt = connection.ops.adapt_datetimefield_value
        rows = [_adapted(row, positions, adapt) for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)  # noqa: S608
