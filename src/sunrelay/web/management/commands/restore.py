"""`sunrelay restore PATH`: replace the SQLite database with a backup made by `sunrelay backup`."""

from __future__ import annotations

import contextlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sunrelay.lib.sqlite.backups import BackupError, open_backup, restore
from sunrelay.web.backups import holdings, in_words, postgres_advice


class Command(BaseCommand):
    help = "Replace the SQLite database with the backup at PATH (stop Sunrelay first)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a backup written by `sunrelay backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, path: str, force: bool, **options):
        if connection.vendor != "sqlite":
            raise CommandError(postgres_advice("restore", path))
        source = Path(path).expanduser()
        database = connection.settings_dict["NAME"]
        try:
            backup_file = open_backup(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        with contextlib.closing(backup_file):
            incoming = holdings(backup_file)
            if "desk_ticket" not in incoming:
                raise CommandError(f"{source} is an SQLite database, but not Sunrelay's.")
            connection.ensure_connection()
            present = {label: n for label, n in holdings(connection.connection).items() if n}
            if present and not force:
                raise CommandError(
                    f"The database {database} already holds data ({in_words(present)}). "
                    "Restoring replaces all of it: stop Sunrelay (serve and workers), then "
                    "run the restore again with --force."
                )
            try:
                restore(backup_file, connection.connection)
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {source} into {database}: {in_words(incoming)}.")
        self._migrations()

    def _migrations(self) -> None:
        connection.close()  # a fresh look at the restored schema
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                f"The backup predates {len(pending)} migrations of this version: run "
                "`sunrelay migrate` before starting Sunrelay."
            )
        unknown = set(executor.loader.applied_migrations) - set(executor.loader.graph.nodes)
        if unknown:
            self.stdout.write(
                f"The backup comes from a newer Sunrelay ({len(unknown)} migrations this "
                "version does not know): run it with that version."
            )
