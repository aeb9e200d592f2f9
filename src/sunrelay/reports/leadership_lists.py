"""What a leadership figure counts, listed: the drill-down of the figures that no desk list
can express (reply and resolution clocks, breaches, causes, the backlog at the period's end,
CSAT surveys, coverage gaps, pages, accounts behind revenue at risk).

Each list is read with the same queries as its figure (reports.queries, reports.satisfaction,
reports.leadership_sources, reports.leadership_coverage), so its length is the figure's count
or population. `figure_list(span, key)` raises KeyError for a figure that has no list here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.csat.models import Rating
from sunrelay.desk.models import Ticket
from sunrelay.reports import (
    labels,
    leadership_coverage,
    leadership_sources,
    metrics,
    queries,
    satisfaction,
)
from sunrelay.reports.leadership_tickets import OLD_BACKLOG_MINUTES
from sunrelay.reports.queries import Scope
from sunrelay.reports.spans import Span

SHOWN = 500  # rows listed; the count is always the whole population


@dataclass
class Row:
    href: str
    title: str
    cells: list[str]


@dataclass
class FigureList:
    key: str
    title: str  # what is listed: "Tickets whose first reply was measured"
    columns: list[str]
    count: int
    rows: list[Row] = field(default_factory=list)  # the first SHOWN of `count`
    mrr: float | None = None  # the MRR of the accounts listed, for the MRR figures


def _tickets(key: str, title: str, found: list[tuple[int, str]]) -> FigureList:
    """`found`: (ticket id, a note) in order; one query for the tickets' subjects."""
    shown = found[:SHOWN]
    tickets = Ticket.objects.filter(pk__in=[t for t, _ in shown]).select_related("account")
    by_id = {t.pk: t for t in tickets}
    rows = []
    for ticket_id, note in shown:
        ticket = by_id.get(ticket_id)
        account = ticket.account.name if ticket and ticket.account else ""
        subject = ticket.subject if ticket else "(deleted)"
        rows.append(Row(f"/desk/tickets/{ticket_id}/", f"#{ticket_id} {subject}", [account, note]))
    return FigureList(key, title, ["Ticket", "Account", "Detail"], len(found), rows)


def _clocks(key: str, span: Span, metric: str, tier: str, within: bool) -> FigureList:
    rows = queries.clocks(metric, span.start, span.end, Scope())
    if metric == "resolution":
        rows = metrics.last_per_ticket(rows)
    if tier:
        rows = [r for r in rows if r.tier == tier]
    what = labels.METRICS.get(metric, metric).lower()
    if within:  # the population of "within target": the clocks with a target
        found = [(r.ticket_id, "missed" if r.breached else "met") for r in rows if r.target]
        return _tickets(key, f"Tickets whose {what} had a target", found)
    found = [(r.ticket_id, f"{r.business or 0:,.0f} business minutes") for r in rows]
    return _tickets(key, f"Tickets whose {what} was measured", found)


def _breaches(key: str, span: Span, now: datetime, metric: str) -> FigureList:
    rows = queries.breaches(span.start, min(span.end, now), Scope())
    found = [(r[0], labels.METRICS.get(r[1], r[1])) for r in rows if not metric or r[1] == metric]
    return _tickets(key, "SLA breaches (a ticket once per target crossed)", found)


def _causes(key: str, span: Span, cause: str) -> FigureList:
    solves = {s.ticket_id: s for s in queries.solves(span.start, span.end, Scope())}
    found = [
        (t, labels.CAUSES.get(cause, cause))
        for t, s in solves.items()
        if (s.cause or "unknown") == cause
    ]
    return _tickets(key, "Tickets solved in the period with this cause", found)


def _backlog(key: str, span: Span, now: datetime, old: bool) -> FigureList:
    """Unsolved at the period's end (or now): the stretches that began before and ran on."""
    at = min(span.end, now)
    stretches = queries.stretches(Scope()).filter(started_at__lt=at)
    running = stretches.filter(stopped_at__gte=at) | stretches.filter(stopped_at__isnull=True)
    found = []
    for ticket_id, created in running.order_by("ticket__created_at").values_list(
        "ticket_id", "ticket__created_at"
    ):
        days = (at - created).total_seconds() / 86400
        if not old or days * 24 * 60 >= OLD_BACKLOG_MINUTES:
            found.append((ticket_id, f"{days:,.0f} days old"))
    title = "Unsolved at the end, older than 4 weeks" if old else "Unsolved at the end"
    return _tickets(key, title, found)


def _surveys(key: str, span: Span, tier: str, rated_only: bool) -> FigureList:
    found = []
    for survey in satisfaction.surveys(span.start, span.end, Scope()):
        if tier and (survey["tier"] or labels.NO_ACCOUNT) != tier:
            continue
        if rated_only and not survey["rating"]:
            continue
        note = {Rating.GOOD: "good", Rating.BAD: "bad"}.get(survey["rating"], "not rated")
        found.append((survey["ticket_id"], note))
    title = "Surveys rated" if rated_only else "Surveys asked"
    return _tickets(key, f"{title} (of tickets solved in the period)", found)


def _coverage(key: str, span: Span, now: datetime) -> FigureList:
    hours, tickets = leadership_coverage.uncovered(span.start, min(span.end, now))
    if key == "uncovered_tickets":
        found = [(t, "received with nobody on shift") for t in tickets]
        return _tickets(key, "Tickets received with nobody on shift", found)
    zone = ZoneInfo(span.zone)  # the report's hours
    rows = [Row("", f"{h.astimezone(zone):%Y-%m-%d %H:%M}", []) for h in hours[:SHOWN]]
    return FigureList(key, "Hours with nobody on shift", ["Hour starting"], len(hours), rows)


def _pages(key: str, span: Span, after_hours: bool) -> FigureList:
    runs = leadership_sources.paging_runs(span.start, span.end)
    if after_hours:
        runs = [r for r in runs if r.after_hours]
    found = [(r.ticket_id, f"acknowledged by {r.acknowledged_by or 'nobody'}") for r in runs]
    title = "Pages acknowledged after hours" if after_hours else "Pages"
    return _tickets(key, title, found)


def _accounts(key: str, span: Span, now: datetime) -> FigureList:
    breached: set[int] = set()
    if key == "breached_mrr":
        breached = {r[0] for r in queries.breaches(span.start, min(span.end, now), Scope())}
    current = leadership_sources.reads_open_now(span.end, now)
    risk = leadership_sources.risk(span.end, breached, key == "urgent_mrr" and current)
    accounts = {
        "at_risk": risk.at_risk,
        "at_risk_mrr": risk.at_risk,
        "breached_mrr": risk.breached,
        "urgent_mrr": risk.urgent_open,
    }[key]
    names = dict(Account.objects.filter(pk__in=list(accounts)).values_list("id", "name"))
    ordered = sorted(accounts.items(), key=lambda kv: (-(kv[1] or 0), names.get(kv[0], "")))
    rows = [
        Row(f"/desk/accounts/{a}/", names.get(a, f"#{a}"), [f"${mrr or 0:,.0f}"])
        for a, mrr in ordered[:SHOWN]
    ]
    total = float(sum((mrr or 0 for mrr in accounts.values()), 0))
    return FigureList(key, "Accounts", ["Account", "MRR"], len(accounts), rows, total)


Builder = Callable[[Span, datetime], FigureList]
FIXED: dict[str, Builder] = {
    "breaches": lambda span, now: _breaches("breaches", span, now, ""),
    "backlog": lambda span, now: _backlog("backlog", span, now, False),
    "backlog_age": lambda span, now: _backlog("backlog_age", span, now, False),
    "backlog_old": lambda span, now: _backlog("backlog_old", span, now, True),
    "csat": lambda span, now: _surveys("csat", span, "", True),
    "csat_response": lambda span, now: _surveys("csat_response", span, "", False),
    "uncovered_hours": lambda span, now: _coverage("uncovered_hours", span, now),
    "uncovered_tickets": lambda span, now: _coverage("uncovered_tickets", span, now),
    "pages": lambda span, now: _pages("pages", span, False),
    "after_hours": lambda span, now: _pages("after_hours", span, True),
    **{
        key: lambda span, now, k=key: _accounts(k, span, now)
        for key in ("at_risk", "at_risk_mrr", "breached_mrr", "urgent_mrr")
    },
    **{
        metric: lambda span, now, m=metric: _clocks(m, span, m, "", False)
        for metric in ("first_reply", "resolution")
    },
    **{
        f"{metric}_within": lambda span, now, m=metric: _clocks(f"{m}_within", span, m, "", True)
        for metric in ("first_reply", "resolution")
    },
}


def _builder(key: str) -> Builder | None:
    """The list of figure `key`: a fixed one, or one of a tier, a metric or a cause."""
    if key in FIXED:
        return FIXED[key]
    prefix, _, rest = key.rpartition("_")
    if prefix in ("first_reply_within", "resolution_within") and rest in labels.TIERS:
        metric = prefix.removesuffix("_within")
        return lambda span, now: _clocks(key, span, metric, rest, True)
    name = key.partition("_")[2]
    if key.startswith("breaches_") and name in labels.METRICS:
        return lambda span, now: _breaches(key, span, now, name)
    if key.startswith("csat_") and name in labels.TIERS:
        return lambda span, now: _surveys(key, span, name, True)
    if key.startswith("cause_"):
        return lambda span, now: _causes(key, span, name)
    return None


def has_list(key: str) -> bool:
    return _builder(key) is not None


def figure_list(span: Span, key: str, now: datetime | None = None) -> FigureList:
    """The list behind figure `key` of the report on `span`; KeyError when it has none here."""
    build = _builder(key)
    if build is None:
        raise KeyError(key)
    return build(span, now or timezone.now())
