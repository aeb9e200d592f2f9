"""`sunrelay report`: the weekly report on the command line, and keeping its data current.

sunrelay report weekly [--week 2026-W47] [--format md|html|json] [--tier T]
                       [--region ZONE] [--agent ID] [--output FILE]
sunrelay report refresh [--all]
sunrelay report send [--week 2026-W47]     queue the weekly e-mail now
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunrelay.reports import mailing, params, refresh, render, weekly
from sunrelay.reports.models import TicketFact


class Command(BaseCommand):
    help = "The weekly support review (Markdown, HTML or JSON), its data, its e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("weekly", help="Print the weekly review of one week")
        show.add_argument(
            "--week", default="", help="ISO week such as 2026-W47 (default: the last full week)"
        )
        show.add_argument("--format", choices=["md", "html", "json"], default="md")
        show.add_argument("--tier", default="", help="Only tickets of accounts in this tier")
        show.add_argument("--region", default="", help="Only tickets assigned in this time zone")
        show.add_argument("--agent", default="", help="Only tickets assigned to this user id")
        show.add_argument("--output", default="", help="Write to this file instead of stdout")
        again = sub.add_parser("refresh", help="Bring the report data up to date")
        again.add_argument(
            "--all", action="store_true", help="Recompute every ticket (after a policy change)"
        )
        send = sub.add_parser("send", help="Queue the weekly e-mail now (once per week)")
        send.add_argument("--week", default="")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "refresh":
            if options["all"]:
                done = refresh.refresh_all()
            else:
                done = refresh.refresh_dirty() + refresh.refresh_missing()
            self.stdout.write(
                f"Computed {done:,} tickets; {TicketFact.objects.count():,} in the reports."
            )
            return
        wanted = params.parse({k: options.get(k, "") for k in ("week", "tier", "region", "agent")})
        if wanted.errors:
            raise CommandError(" ".join(wanted.errors))
        if action == "send":
            sent = mailing.send_week(wanted.week)
            if sent is None:
                self.stdout.write(
                    f"The report of {wanted.week.label} was already sent, or nobody receives it (SUNRELAY_REPORT_RECIPIENTS)."
                )
            else:
                self.stdout.write(
                    f"Queued the report of {wanted.week.label} for {', '.join(sent.recipients)}."
                )
            return
        missing = refresh.pending()
        if missing > 1000:
            self.stderr.write(f"Computing the report data of {missing:,} tickets first (once)…")
        report = weekly.compute(wanted.week, wanted.scope)
        text = {
            "md": render.as_markdown,
            "html": lambda r: render.as_html(r, mailing.page_link(r.week)),
            "json": lambda r: render.as_json(r) + "\n",
        }[options["format"]](report)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
