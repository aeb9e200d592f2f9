"""`sunrelay qa import FILE|URL --site NAME --tag TAG` and `sunrelay qa sync`."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from sunrelay.qa import drains, fetch
from sunrelay.qa.models import QaSource
from sunrelay.qa.sync import import_questions


class Command(BaseCommand):
    help = "Import a Q&A site's questions with a tag as tickets (again: only what changed)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="a JSON export (file, or URL: fetched only then)")
        imp.add_argument("where", metavar="FILE|URL")
        imp.add_argument(
            "--site", required=True, help="the site's name, e.g. gis.stackexchange.com"
        )
        imp.add_argument("--tag", required=True, help="import the questions with this tag")
        imp.add_argument("--json", action="store_true", help="print the summary as JSON")
        sync = sub.add_parser("sync", help="import every active configured source now")
        sync.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        if action == "sync":
            results = {str(s): drains.run(s) for s in QaSource.objects.filter(active=True)}
            if options["json"]:
                self.stdout.write(json.dumps(results))
            for source, result in results.items():
                if not options["json"]:
                    self.stdout.write(f"{source}: {result}")
            return
        site, tag = options["site"].strip(), options["tag"].strip().lower()
        if not site or not tag:
            raise CommandError("--site and --tag must not be empty.")
        try:
            questions = fetch.load(options["where"])
        except fetch.FetchError as exc:
            raise CommandError(str(exc)) from exc
        summary = import_questions(questions, site=site, tag=tag)
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict()))
        else:
            self.stdout.write(summary.sentence())
        for reason in summary.refused:
            self.stderr.write(f"Refused {reason}")
