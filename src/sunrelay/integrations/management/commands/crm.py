"""`sunrelay crm import accounts|contacts FILE --as USERNAME [--map field=Column ...]
[--dry-run] [--json]`: a CRM's CSV export of accounts or contacts, matched on the CRM id
(integrations.crm_accounts; opportunities: `sunrelay presales import`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress

from sunrelay.integrations import crm_accounts
from sunrelay.integrations.models import CrmKind
from sunrelay.lib import csv_import

KINDS = {"accounts": CrmKind.ACCOUNT, "contacts": CrmKind.CONTACT}


class Command(BaseCommand):
    help = "Import accounts or contacts from a CRM's CSV export, matched on their CRM id."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="a CSV export of the CRM's accounts or contacts")
        imp.add_argument("kind", choices=sorted(KINDS))
        imp.add_argument("file", metavar="FILE")
        imp.add_argument("--as", dest="username", required=True, help="who imports (a lead)")
        imp.add_argument("--map", action="append", default=[], help="field=Column, repeatable")
        imp.add_argument("--dry-run", action="store_true", help="say what would happen only")
        imp.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, action, kind, **options):
        kind = KINDS[kind]
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is nobody called {options['username']}.")
        with csv_import.command_errors(options["file"]):
            mapping = crm_accounts.parse_mapping(kind, ",".join(options["map"]))
            text = csv_import.read_export(options["file"])
            with Progress(console=Console(file=self.stderr._out), transient=True) as bar:
                task = bar.add_task(f"Importing {kind}s", total=None)

                def advance(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                report = crm_accounts.import_csv(
                    user, kind, text, mapping, dry_run=options["dry_run"], progress=advance
                )
        csv_import.print_report(self, report, as_json=options["json"])
