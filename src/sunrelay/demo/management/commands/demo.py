"""`sunrelay demo`: load a realistic demo team, customers and six months of tickets.

The demo's "now" (the anchor) is the current time truncated to the hour, in UTC; all
ticket history lies in the six months before it. `--anchor` fixes it for repeatable runs.
Running it again creates only what is missing.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sunrelay.demo.channels import load_channels
from sunrelay.demo.csat import load_csat
from sunrelay.demo.feedback import load_feedback
from sunrelay.demo.health import load_health
from sunrelay.demo.integrations import load_chat_and_links, load_crm, load_integrations
from sunrelay.demo.knowledge import load_knowledge
from sunrelay.demo.loader import load
from sunrelay.demo.moving import load_moving
from sunrelay.demo.notifications import load_notifications
from sunrelay.demo.plan import DEFAULT_SEED, Scale, build_plan
from sunrelay.demo.portal import load_portal
from sunrelay.demo.presales import load_presales
from sunrelay.demo.projects import load_projects
from sunrelay.demo.report_targets import load_report_targets
from sunrelay.demo.rotations import load_rotations
from sunrelay.demo.saved_views import load_saved_views
from sunrelay.demo.slack import load_slack
from sunrelay.demo.sso import load_sso
from sunrelay.demo.success import load_success
from sunrelay.demo.summary import print_summary
from sunrelay.demo.time_model import load_time_model
from sunrelay.desk.models import Ticket
from sunrelay.paging import rules as paging_rules

TASK_LABELS = {
    "people": "Team and customers",
    "plan": "Planning tickets",
    "write": "Writing tickets",
}


class RichProgress:
    """Adapts loader progress to rich bars, one per task."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def start(self, task: str, total: int) -> None:
        self.tasks[task] = self.progress.add_task(TASK_LABELS.get(task, task), total=total)

    def advance(self, task: str, amount: int = 1) -> None:
        self.progress.advance(self.tasks[task], amount)


def anchor_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO date-time such as 2025-03-31T12:00Z"
        ) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # documented: a naive anchor is UTC
    return parsed.astimezone(UTC)


def non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Load the demo: team, accounts, contacts and six months of tickets (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = Scale()
        parser.add_argument("--seed", default=DEFAULT_SEED, help=f"default {DEFAULT_SEED!r}")
        parser.add_argument(
            "--anchor",
            type=anchor_time,
            help="the demo's 'now', ISO date-time (naive means UTC); default: now, "
            "truncated to the hour",
        )
        parser.add_argument("--tickets", type=non_negative_int, default=defaults.tickets)
        parser.add_argument("--accounts", type=non_negative_int, default=defaults.accounts)
        parser.add_argument("--contacts", type=non_negative_int, default=defaults.contacts)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already has tickets",
        )
        parser.add_argument("--quiet", action="store_true", help="print nothing but errors")

    def handle(self, *args, **options) -> None:
        stream = getattr(self.stdout, "_out", self.stdout)
        quiet = options["quiet"]
        terminal = stream.isatty()
        # Piped output (make, CI logs) gets a fixed width wide enough for the log-in table.
        console = Console(file=stream, highlight=False, width=None if terminal else 120)
        if options["if_empty"] and Ticket.objects.exists():
            if not quiet:
                console.print("The database already has tickets; the demo was not loaded.")
            return
        started = time.monotonic()
        plan = build_plan(
            options["seed"],
            options["anchor"],
            Scale(options["tickets"], options["accounts"], options["contacts"]),
        )
        show_bars = terminal and not quiet
        bars = Progress(
            TextColumn("{task.description:<20}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not show_bars,
        )
        with bars:
            created = load(plan, RichProgress(bars))
            load_time_model(plan.anchor, created)
            load_rotations(plan.anchor, created)
            load_knowledge()
            load_portal(plan, created)
            load_csat(plan, created)
            load_saved_views()
            load_notifications()
            load_success(plan.anchor, created)  # customer engineering
            load_channels(plan.anchor, created)
            # Pre-sales: a quarter of opportunities (demo/presales.py).
            load_presales(plan, created)
            # Product feedback: the labelled sample, two thirds linked (demo/feedback.py).
            load_feedback(plan.anchor, created)
            # Projects: a dozen projects and a quarter of time entries (demo/projects.py).
            load_projects(plan, created)
            # Linked bugs: the story's GitHub issue links, linked (demo/integrations.py).
            load_integrations(created)
            load_chat_and_links(created)
            load_crm(created)
            # The leadership report's targets (demo/report_targets.py).
            load_report_targets(created)
            # People provisioned from an identity provider (demo/sso.py).
            load_sso(created)
            # Moving in: a dry run of the sample Zendesk export (demo/moving.py).
            load_moving(created)
            # Slack: a strategic account's shared channel and a question there (demo/slack.py).
            load_slack(plan.anchor, created)
            # History is not news: breaches found while loading it page nobody.
            with paging_rules.quiet():
                recompute_open_slas(RichProgress(bars))
            # Customer health: six months of telemetry, weekly scores (demo/health.py).
            load_health(plan, created)
            build_report_tables(RichProgress(bars))
            build_search_index(RichProgress(bars))
        if not quiet:
            print_summary(console, plan, created, time.monotonic() - started)


def recompute_open_slas(progress) -> None:
    """SLA state for the open tickets now, so queues show deadlines from the first page view
    (the worker would fill them in within minutes anyway)."""
    from django.utils import timezone

    from sunrelay.desk.models import UNSOLVED_STATUSES
    from sunrelay.sla import config, services

    pending = list(
        Ticket.objects.filter(status__in=UNSOLVED_STATUSES)
        .exclude(urgency__config_version=config.current().version)
        .values_list("pk", flat=True)
    )
    progress.start("SLA deadlines", len(pending))
    now, current = timezone.now(), config.current()
    for pk in pending:
        services.recompute(Ticket(pk=pk), now, current)
        progress.advance("SLA deadlines")
    # Tickets the channels' importers opened were computed as of their posts' times: their
    # deadlines since then come due now, as the worker's check would find them.
    while services.check_one_due(now):
        pass


def build_report_tables(progress, chunk: int = 2000) -> None:
    """The reports' clocks for every ticket, so the first report opens at once (the worker
    would build them within a minute of `serve` starting)."""
    from sunrelay.reports import refresh

    missing = list(Ticket.objects.filter(report_fact__isnull=True).values_list("pk", flat=True))
    progress.start("Report tables", len(missing))
    for start in range(0, len(missing), chunk):
        part = missing[start : start + chunk]
        refresh.refresh(part)
        progress.advance("Report tables", len(part))
    refresh.refresh_dirty()  # tickets the channels' importers opened, changed since


def build_search_index(progress) -> None:
    """Every ticket, contact and account searchable from the first page view."""
    from sunrelay.search import documents

    progress.start("Search index", Ticket.objects.count())
    indexed = 0

    def advance(done: int, total: int) -> None:
        nonlocal indexed
        progress.advance("Search index", done - indexed)
        indexed = done

    documents.rebuild_all(progress=advance)
