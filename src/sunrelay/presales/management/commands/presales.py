"""`sunrelay presales import FILE --as USERNAME [--map field=Column ...] [--dry-run]`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sunrelay.lib import csv_import
from sunrelay.presales import crm_import


class Command(BaseCommand):
    help = "Import opportunities from a CRM's CSV export, matched on their CRM id."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="a CSV export of the CRM's opportunities")
        imp.add_argument("file", metavar="FILE")
        imp.add_argument("--as", dest="username", required=True, help="who imports (a seller)")
        imp.add_argument("--map", action="append", default=[], help="field=Column, repeatable")
        imp.add_argument("--dry-run", action="store_true", help="say what would happen only")
        imp.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, action, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is nobody called {options['username']}.")
        with csv_import.command_errors(options["file"]):
            mapping = crm_import.parse_mapping(",".join(options["map"]))
            text = csv_import.read_export(options["file"])
            report = crm_import.import_csv(user, text, mapping, dry_run=options["dry_run"])
        csv_import.print_report(self, report, as_json=options["json"])
