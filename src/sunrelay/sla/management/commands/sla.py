from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from rich.progress import Progress

from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.sla import config as sla_config
from sunrelay.sla import services
from sunrelay.sla.holidays import import_ics
from sunrelay.sla.models import Calendar


class Command(BaseCommand):
    help = "SLA maintenance: recompute deadlines, import holidays."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        recompute = sub.add_parser("recompute", help="rebuild SLA state from each ticket's history")
        recompute.add_argument("--all", action="store_true", help="solved and closed tickets too")
        holidays = sub.add_parser("import-holidays", help="add holidays from an iCalendar file")
        holidays.add_argument("calendar", help="calendar name")
        holidays.add_argument("path", help=".ics file")

    def handle(self, *args, action, **options):
        if action == "recompute":
            self.recompute(options["all"])
        else:
            self.import_holidays(options["calendar"], options["path"])

    def recompute(self, everything: bool) -> None:
        tickets = (
            Ticket.objects.all()
            if everything
            else Ticket.objects.filter(status__in=UNSOLVED_STATUSES)
        )
        ids = list(tickets.order_by("pk").values_list("pk", flat=True))
        config = sla_config.current()
        now = timezone.now()
        with Progress(disable=not self.stdout.isatty()) as progress:
            task = progress.add_task("Recomputing SLAs", total=len(ids))
            for start in range(0, len(ids), 500):
                with transaction.atomic():
                    for pk in ids[start : start + 500]:
                        services.recompute(Ticket(pk=pk), now, config)
                        progress.advance(task)
        self.stdout.write(f"Recomputed the SLAs of {len(ids)} tickets.")

    def import_holidays(self, name: str, path: str) -> None:
        try:
            calendar = Calendar.objects.get(name=name)
        except Calendar.DoesNotExist:
            known = ", ".join(Calendar.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"No calendar named {name!r} (calendars: {known}).") from None
        try:
            with open(path, "rb") as handle:
                added, skipped = import_ics(calendar, handle.read())
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        except ValueError as exc:
            raise CommandError(f"{path} is not a usable iCalendar file: {exc}") from None
        self.stdout.write(f"Added {added} holidays to {calendar.name} ({skipped} already there).")
