"""The leadership report's figures from the apps beside the desk: paging load, accounts at
risk (health bands, breaches, open urgent tickets) with their MRR, feedback themes by MRR,
the pre-sales technical-win rate, project hours against budget, and hours per person on
tickets and projects. Each reads its own app's tables for one period [start, end) with a
fixed number of queries; a source with nothing in the period answers empty figures, and the
report says so."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Max, Q, Sum

from sunrelay.accounts.models import Account
from sunrelay.desk.models import UNSOLVED_STATUSES, Priority, Ticket
from sunrelay.feedback.models import FeedbackItem
from sunrelay.health.models import Band, HealthScore
from sunrelay.paging.models import PagingRun
from sunrelay.projects.models import Project, TimeEntry
from sunrelay.reports.coverage import on_shift_at

THEMES_SHOWN = 5


@dataclass
class Paging:
    pages: int = 0
    people: int = 0  # people who acknowledged at least one page
    after_hours: int = 0  # acknowledged by someone then off shift


@dataclass
class PageRun:
    ticket_id: int
    acknowledged_by: str  # "" when nobody acknowledged
    after_hours: bool  # acknowledged by someone then off shift
    person_id: int | None = None


def paging_runs(start: datetime, end: datetime, roster=None) -> list[PageRun]:
    """The pages of [start, end), oldest first. `roster`: schedule.roster.load_people() when
    the caller has it already."""
    from sunrelay.schedule.roster import load_people

    runs = PagingRun.objects.filter(created_at__gte=start, created_at__lt=end).order_by(
        "created_at"
    )
    people = {p.id: p for p in (load_people() if roster is None else roster)}
    found = []
    for ticket, created, who in runs.values_list("ticket_id", "created_at", "acknowledged_by_id"):
        person = people.get(who)
        after = person is not None and bool(person.hours) and not on_shift_at(person, [created])[0]
        found.append(PageRun(ticket, person.name if person else "", after, who))
    return found


def paging(start: datetime, end: datetime, roster=None) -> Paging:
    runs = paging_runs(start, end, roster)
    people = {r.person_id for r in runs if r.person_id is not None}
    return Paging(len(runs), len(people), sum(r.after_hours for r in runs))


@dataclass
class Risk:
    day: object = None  # the health scores' day read (the last scored on or before the end)
    at_risk: dict[int, Decimal] = field(default_factory=dict)  # red and yellow: account -> MRR
    red: int = 0
    breached: dict[int, Decimal] = field(default_factory=dict)  # accounts behind a breach
    urgent_open: dict[int, Decimal] = field(default_factory=dict)  # open urgent tickets now


# A period that ended this recently still reads the desk's open urgent tickets.
OPEN_NOW_GRACE = timedelta(days=7)


def reads_open_now(end: datetime, now: datetime) -> bool:
    """Whether the period ending at `end` counts the urgent tickets open now."""
    return end >= now - OPEN_NOW_GRACE


def risk(end: datetime, breached_tickets: set[int], current: bool) -> Risk:
    """Accounts at risk at the end of a period; open urgent tickets only for the period
    running or just ended (`current`): the desk keeps no history of that."""
    scores = HealthScore.objects.filter(day__lt=end.date() + timedelta(days=1))
    day = scores.aggregate(day=Max("day"))["day"]
    found = Risk(day)
    for account, band, mrr in scores.filter(day=day, band__in=[Band.RED, Band.YELLOW]).values_list(
        "account_id", "band", "mrr"
    ):
        found.at_risk[account] = mrr
        found.red += band == Band.RED
    tickets = Ticket.objects.filter(account__isnull=False)
    found.breached = dict(
        tickets.filter(pk__in=breached_tickets)
        .values_list("account_id", "account__mrr")
        .distinct()
        .order_by()
    )
    if current:
        found.urgent_open = dict(
            tickets.filter(priority=Priority.URGENT, status__in=UNSOLVED_STATUSES)
            .values_list("account_id", "account__mrr")
            .distinct()
            .order_by()
        )
    return found


@dataclass
class Theme:
    id: int
    name: str
    items: int
    accounts: int
    mrr: Decimal
    previous_items: int


def themes(
    start: datetime, end: datetime, previous_start: datetime, shown: int | None = THEMES_SHOWN
) -> list[Theme]:
    """Feedback themes by the MRR of the accounts whose items arrived in the period (each
    account once), with the items of the period before: the movement."""
    rows = FeedbackItem.objects.filter(
        theme__isnull=False, created_at__gte=previous_start, created_at__lt=end
    ).values_list("theme_id", "theme__name", "account_id", "account__mrr", "created_at")
    now: dict[int, dict] = defaultdict(lambda: {"items": 0, "accounts": {}})
    before: Counter = Counter()
    names: dict[int, str] = {}
    for theme, name, account, mrr, created in rows:
        names[theme] = name
        if created < start:
            before[theme] += 1
            continue
        now[theme]["items"] += 1
        if account is not None:
            now[theme]["accounts"][account] = mrr or Decimal(0)
    ranked = [
        Theme(
            t,
            names[t],
            v["items"],
            len(v["accounts"]),
            sum(v["accounts"].values(), Decimal(0)),
            before[t],
        )
        for t, v in now.items()
    ]
    ranked.sort(key=lambda t: (-t.mrr, -t.items, t.name.lower()))
    return ranked[:shown]


def theme_mrr(start: datetime, end: datetime) -> dict[int, Decimal]:
    """Theme id -> the MRR behind its items of [start, end): a reference for the period's."""
    return {t.id: t.mrr for t in themes(start, end, start, shown=None)}


@dataclass
class Hours:
    project_minutes: int = 0
    ticket_minutes: int = 0
    people: int = 0
    over_budget: list[str] = field(default_factory=list)  # projects over their budget by `end`
    budgeted: int = 0  # projects with a budget and hours in the period


def hours(first: date, until: date) -> Hours:
    """Time entries of the period's local days [first, until)."""
    entries = TimeEntry.objects.filter(day__gte=first, day__lt=until)
    found = Hours()
    by_kind = entries.aggregate(
        on_projects=Sum("minutes", filter=_on_project()),
        on_tickets=Sum("minutes", filter=_on_ticket()),
    )
    found.project_minutes = by_kind["on_projects"] or 0
    found.ticket_minutes = by_kind["on_tickets"] or 0
    found.people = entries.values("person_id").distinct().count()
    worked = entries.filter(project__budget_minutes__isnull=False).values("project_id")
    budgeted = (
        Project.objects.filter(pk__in=worked)
        .annotate(
            spent=Sum("entries__minutes", filter=_before(until)),
        )
        .values_list("name", "budget_minutes", "spent")
    )
    for name, budget, spent in budgeted:
        found.budgeted += 1
        if (spent or 0) > budget:
            found.over_budget.append(name)
    return found


def _on_project() -> Q:
    return Q(project__isnull=False)


def _on_ticket() -> Q:
    return Q(project__isnull=True, ticket__isnull=False)


def _before(day) -> Q:
    return Q(entries__day__lt=day)


def account_names(ids) -> dict[int, str]:
    return dict(Account.objects.filter(pk__in=list(ids)).values_list("id", "name"))
