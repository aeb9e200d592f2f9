"""`sunrelay search reindex`: rebuild every search document (after an upgrade or a restore)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from rich.progress import Progress

from sunrelay.search import documents


class Command(BaseCommand):
    help = "Search index: `reindex` rebuilds every document."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reindex"])

    def handle(self, *args, action: str, **options):
        with Progress(transient=True) as progress:
            task = progress.add_task("Indexing tickets", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            indexed = documents.rebuild_all(progress=advance)
        self.stdout.write(f"Indexed {indexed:,} tickets, their contacts and accounts.")
