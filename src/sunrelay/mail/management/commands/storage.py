"""`sunrelay storage check` and `sunrelay storage backup DIR` (sunrelay.mail.storage_audit)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sunrelay.mail import files, storage_audit

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Mail storage: `check` lists files rows name but the storage lacks (missing) and files "
        "no row names (orphans); `backup DIR` copies every named file into DIR."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("check", help="compare the storage with the database")
        check.add_argument("--verify", action="store_true", help="also re-hash every file")
        backup = actions.add_parser("backup", help="copy every named file into a folder")
        backup.add_argument("destination", help="a folder; files already there are skipped")

    def handle(self, *args, action: str, **options):
        if action == "backup":
            self._backup(Path(options["destination"]))
        else:
            self._check(verify=options["verify"])

    def _check(self, *, verify: bool) -> None:
        where = files.storage().__class__.__name__
        found = storage_audit.check(verify=verify, progress=lambda s: self.stderr.write(s))
        self.stdout.write(
            f"{where}: {found.files:,} files; the database names {found.names:,}. "
            f"Missing: {len(found.missing):,}. Orphans: {len(found.orphans):,}."
            + (f" Corrupt: {len(found.corrupt):,}." if verify else "")
        )
        for title, names in (
            ("Missing (a row names them; restore them from a backup)", found.missing),
            ("Corrupt (their SHA-256 is not their name)", found.corrupt),
            ("Orphans (no row names them: harmless, left by a crash or work in progress)",
             found.orphans),
        ):  # fmt: skip
            if names:
                self.stdout.write(f"{title}:")
                for name in names[:SHOWN]:
                    self.stdout.write(f"  {name}")
                if len(names) > SHOWN:
                    self.stdout.write(f"  … and {len(names) - SHOWN:,} more")
        if not found.healthy:
            raise CommandError("The mail storage lacks files the database needs (see above).")

    def _backup(self, destination: Path) -> None:
        if destination.exists() and not destination.is_dir():
            raise CommandError(f"{destination} is a file; name a folder to copy the files into.")
        copied = storage_audit.backup(destination)
        self.stdout.write(f"Copied {copied:,} new files into {destination}.")
