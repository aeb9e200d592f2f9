"""`sunrelay mail import PATH... | -` and `sunrelay mail poll`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sunrelay.mail import imap, intake, sources
from sunrelay.mail.models import MailingList, Source


class Command(BaseCommand):
    help = "Import mail from files or standard input, or poll the IMAP mailboxes once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help=".eml files, Maildir folders or mbox files; '-' reads one message"
        )
        imp.add_argument("paths", nargs="+", help="files or folders, or - for standard input")
        imp.add_argument("--json", action="store_true", help="print the summary as JSON")
        imp.add_argument("--no-progress", action="store_true")
        imp.add_argument(
            "--list",
            dest="mailing_list",
            metavar="LIST",
            help="the files are this mailing list's archive (its name or posting address)",
        )
        poll = sub.add_parser("poll", help="one pass over the IMAP mailboxes")
        poll.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        if action == "import":
            summary = self._import(
                options["paths"],
                quiet=options["json"] or options["no_progress"],
                mailing_list=_mailing_list(options["mailing_list"]),
            )
        else:
            if not imap.configured():
                raise CommandError("SUNRELAY_IMAP_HOST is not set: there is no mailbox to poll.")
            try:
                summary = imap.poll()
            except Exception as exc:
                raise CommandError(f"IMAP poll of {settings.MAIL_IMAP_HOST} failed: {exc}") from exc
        self._report(summary, as_json=options["json"])
        counts = summary.as_dict()
        bulk = action == "import" and options["paths"] != ["-"]
        if bulk and not options["json"] and counts["created"] + counts["threaded"]:
            self.stdout.write(
                "The worker computes the SLA deadlines of the imported tickets (sunrelay serve "
                "runs it); sunrelay sla recompute does it now."
            )

    def _import(self, paths: list[str], *, quiet: bool, mailing_list=None) -> intake.Summary:
        if paths == ["-"] and mailing_list is not None:
            raise CommandError("--list is for archives (files), not for a message on stdin.")
        if paths == ["-"]:
            raw = sys.stdin.buffer.read()
            summary = intake.Summary()
            summary.add(intake.receive(raw, source=Source.PIPE).outcome)
            return summary
        resolved = [Path(p) for p in paths]
        missing = [str(p) for p in resolved if not p.exists()]
        if missing:
            raise CommandError("Not found: " + ", ".join(missing))
        streams = (raw for path in resolved for raw in sources.iter_path(path))
        if quiet:
            return intake.receive_many(streams, source=Source.IMPORT, mailing_list=mailing_list)
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        hints = [sources.count_hint(p) for p in resolved]
        total = sum(hints) if all(h is not None for h in hints) else None
        columns = [TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
        with Progress(*columns, transient=True) as progress:
            task = progress.add_task("import", total=total)
            return intake.receive_many(
                streams,
                source=Source.IMPORT,
                progress=lambda n: progress.advance(task, n),
                mailing_list=mailing_list,
            )

    def _report(self, summary: intake.Summary, *, as_json: bool) -> None:
        data = summary.as_dict()
        if as_json:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(
            ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in data.items())
        )
        if data["quarantined"]:
            self.stdout.write("Quarantined mail waits for a person at /mail/quarantine/.")


def _mailing_list(value: str | None) -> MailingList | None:
    if not value:
        return None
    found = (
        MailingList.objects.filter(address__iexact=value.strip()).first()
        or MailingList.objects.filter(name__iexact=value.strip()).first()
    )
    if found is None:
        known = ", ".join(MailingList.objects.values_list("name", flat=True)) or "none yet"
        raise CommandError(
            f"No mailing list is called or posts at {value!r} (configured: {known}). "
            "Add it at /mail/lists/ first."
        )
    return found
