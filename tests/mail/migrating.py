"""Moving the test database's mail app to a migration and back, for tests of data migrations.

Use in a `django_db(transaction=True)` test, and always end at the latest migration (the
`mail_migrated_to` context does): the schema is shared with the tests after it."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target: str | None):
    """Move the mail app to `target` (a migration name; None: the latest). Returns the apps
    of that state (historical models)."""
    executor = MigrationExecutor(connection)
    if target is None:
        target = executor.loader.graph.leaf_nodes("mail")[0][1]
    executor.migrate([("mail", target)])
    return MigrationExecutor(connection).loader.project_state(("mail", target)).apps


@contextmanager
def mail_migrated_to(target: str):
    try:
        yield migrate(target)
    finally:
        migrate(None)
