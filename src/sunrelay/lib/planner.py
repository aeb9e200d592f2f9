"""Hints for SQLite's query planner, which PostgreSQL does without."""

from __future__ import annotations

from django.db.models import BooleanField, Func, Q


class Selective(Func):
    """A condition true of few rows although the statistics say many: on SQLite it is
    wrapped in `unlikely()`, so the planner searches an index on it instead of walking
    another index in ORDER BY's order and testing every row. (ANALYZE keeps one average per
    column: with nearly every ticket solved, "status IN (the unsolved ones)" looks like 80 %
    of the table, and a queue sorted by last change walked all of it.) Elsewhere it is the
    condition as it is."""

    function = "unlikely"
    output_field = BooleanField()
    conditional = True

    def __init__(self, condition: Q) -> None:
        super().__init__(condition)

    def as_sql(self, compiler, connection, **extra):
        if connection.vendor == "sqlite":
            return super().as_sql(compiler, connection, **extra)
        return compiler.compile(self.source_expressions[0])
