"""`sunrelay import zendesk DIR` and `sunrelay import django-helpdesk DATABASE_URL`
(docs/migrating.md)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from sunrelay.moving import helpdesk, zendesk
from sunrelay.moving.mapping import MappingError, load
from sunrelay.moving.reading import SourceError
from sunrelay.moving.runs import run, without_password
from sunrelay.moving.writer import Options


class Command(BaseCommand):
    help = "Move in from another desk: a Zendesk export folder or a django-helpdesk database."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="source", required=True)
        zd = sub.add_parser("zendesk", help="a folder of Zendesk's JSON export")
        zd.add_argument("folder", help="holds organizations.json, users.json, tickets.json")
        zd.add_argument(
            "--fetch-files", action="store_true", help="download attachments given by URL"
        )
        hd = sub.add_parser("django-helpdesk", help="a django-helpdesk database")
        hd.add_argument("database_url", help="postgres://… or sqlite:///path/to/db.sqlite3")
        hd.add_argument("--media-root", default="", help="its MEDIA_ROOT, for attachments")
        for parser_ in (zd, hd):
            parser_.add_argument("--mapping", help="the mapping file (TOML)")
            parser_.add_argument("--dry-run", action="store_true", help="change nothing")
            parser_.add_argument(
                "--source-name", help="name of this source when importing several of one kind"
            )
            parser_.add_argument("--json", action="store_true", help="print the result as JSON")
            parser_.add_argument("--no-progress", action="store_true")

    def handle(self, *args, source, **options):
        try:
            mapping = load(options["mapping"])
        except MappingError as exc:
            raise CommandError(str(exc)) from None
        if source == "zendesk":
            location, files_from = options["folder"], options["folder"]
            read = lambda: zendesk.read(location, mapping)  # noqa: E731
        else:
            url = options["database_url"]
            location, files_from = without_password(url), options["media_root"]
            read = lambda: helpdesk.read(url, mapping)  # noqa: E731
        writer_options = Options(
            source=options["source_name"] or source,
            default_cause=mapping.default_cause,
            files_from=files_from,
            fetch_files=options.get("fetch_files", False),
        )
        quiet = options["json"] or options["no_progress"]
        try:
            if quiet:
                record, result = self._run(source, location, read, writer_options, options)
            else:
                record, result = self._with_bar(source, location, read, writer_options, options)
        except SourceError as exc:
            raise CommandError(str(exc)) from None
        self._report(record, result, as_json=options["json"])

    def _run(self, source, location, read, writer_options, options):
        return run(source, location, read, writer_options, dry_run=options["dry_run"])

    def _with_bar(self, source, location, read, writer_options, options):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()) as bar:
            task = bar.add_task("tickets", total=None)

            def advance(amount: int) -> None:
                if amount < 0:
                    bar.update(task, total=-amount)
                else:
                    bar.advance(task, amount)

            writer_options.progress = advance
            return self._run(source, location, read, writer_options, options)

    def _report(self, record, result, *, as_json: bool) -> None:
        if as_json:
            data = {
                "run": record.pk,
                "dry_run": record.dry_run,
                "counts": record.counts,
                "not_mapped": result.not_mapped,
            }
            self.stdout.write(json.dumps(data, indent=2))
            return
        prefix = "Dry run (nothing kept): " if record.dry_run else ""
        counts = ", ".join(f"{n} {what}" for what, n in record.counts.items()) or "nothing"
        self.stdout.write(prefix + counts + ".")
        if result.not_mapped:
            self.stdout.write(f"Not mapped ({len(result.not_mapped)}):")
            for line in result.not_mapped:
                self.stdout.write(f"  - {line}")
