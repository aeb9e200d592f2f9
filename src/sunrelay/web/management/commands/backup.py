"""`sunrelay backup PATH`: a consistent copy of the SQLite database, while Sunrelay runs."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sunrelay.lib.sqlite.backups import BackupError, backup, open_backup
from sunrelay.web.backups import holdings, in_words, postgres_advice


class Command(BaseCommand):
    help = "Copy the SQLite database to PATH, consistently, while Sunrelay runs."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write")
        parser.add_argument("--force", action="store_true", help="replace PATH if it exists")

    def handle(self, *args, path: str, force: bool, **options):
        if connection.vendor != "sqlite":
            raise CommandError(postgres_advice("backup", path))
        target = Path(path).expanduser()
        database = Path(connection.settings_dict["NAME"])
        if target.exists() and target.resolve() == database.resolve():
            raise CommandError(f"{target} is the database itself; name another file.")
        if target.is_dir():
            raise CommandError(
                f"{target} is a folder; name the backup file, e.g. {target}/x.sqlite3."
            )
        if target.exists() and not force:
            raise CommandError(f"{target} already exists; name another file, or add --force.")
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent} to write {target.name} in.")
        connection.ensure_connection()
        started = time.monotonic()
        try:
            backup(connection.connection, target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        with contextlib.closing(open_backup(target)) as copy:
            held = holdings(copy)
        size = target.stat().st_size / 1024 / 1024
        self.stdout.write(
            f"Backed up {database} to {target} in {time.monotonic() - started:.1f} s "
            f"({size:,.1f} MB: {in_words(held)})."
        )
