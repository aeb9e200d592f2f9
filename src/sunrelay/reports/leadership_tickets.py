"""The ticket figures of one period for the leadership report, read with the weekly review's
own queries (reports.queries, reports.satisfaction) so that a period's figures are the weekly
review's summed over the same days: received, answered, first reply and resolution against
their targets, breaches, causes, the backlog and CSAT, overall and by tier.

A fixed number of queries per period, however many tickets it holds."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sunrelay.csat.models import Rating
from sunrelay.reports import labels, metrics, queries, satisfaction
from sunrelay.reports.metrics import ClockRow
from sunrelay.reports.queries import Scope

OLD_BACKLOG_MINUTES = 28 * 24 * 60  # "over 4 weeks", the weekly review's oldest bucket


@dataclass
class Timed:
    """A reply or resolution time: the business-time mean over `n` clocks, and how many of
    those with a target stayed within it."""

    n: int = 0
    mean: float | None = None
    with_target: int = 0
    met: int = 0


@dataclass
class TicketFigures:
    received: Counter = field(default_factory=Counter)  # by tier
    answered: Counter = field(default_factory=Counter)
    first_reply: dict[str, Timed] = field(default_factory=dict)  # by tier; "" for all
    resolution: dict[str, Timed] = field(default_factory=dict)
    breaches: int = 0
    breaches_by_metric: Counter = field(default_factory=Counter)
    breached_tickets: set[int] = field(default_factory=set)
    solved: int = 0
    causes: Counter = field(default_factory=Counter)
    backlog: int = 0
    backlog_old: int = 0
    backlog_median_age: float | None = None
    csat_good: Counter = field(default_factory=Counter)  # by tier
    csat_rated: Counter = field(default_factory=Counter)
    csat_asked: Counter = field(default_factory=Counter)


def _timed(rows: list[ClockRow]) -> dict[str, Timed]:
    groups: dict[str, list[ClockRow]] = {"": rows}
    for row in rows:
        groups.setdefault(row.tier, []).append(row)
    result = {}
    for tier, members in groups.items():
        timing = metrics.timing(members, [])
        result[tier] = Timed(timing.n, timing.business.mean, timing.with_target, timing.met)
    return result


def compute(start: datetime, end: datetime, now: datetime) -> TicketFigures:
    """The figures of [start, end) as of `now` (a period still running is measured to now)."""
    scope, as_of = Scope(), min(end, now)
    figures = TicketFigures()
    for row in queries.received(start, end, scope, times=False):
        figures.received[row.tier] += 1
        figures.answered[row.tier] += row.answered
    figures.first_reply = _timed(queries.clocks("first_reply", start, end, scope))
    figures.resolution = _timed(
        metrics.last_per_ticket(queries.clocks("resolution", start, end, scope))
    )
    breaches = queries.breaches(start, as_of, scope)
    figures.breaches = len(breaches)
    figures.breaches_by_metric = Counter(row[1] for row in breaches)
    figures.breached_tickets = {row[0] for row in breaches}
    solves = {s.ticket_id: s for s in queries.solves(start, end, scope)}
    figures.solved = len(solves)
    figures.causes = Counter(s.cause or "unknown" for s in solves.values())
    ages = sorted(queries.backlog_ages(as_of, scope))
    figures.backlog = len(ages)
    figures.backlog_old = sum(1 for age in ages if age >= OLD_BACKLOG_MINUTES)
    figures.backlog_median_age = metrics.summarize(ages).median
    for survey in satisfaction.surveys(start, end, scope):
        tier = survey["tier"] or labels.NO_ACCOUNT
        figures.csat_asked[tier] += 1
        if survey["rating"]:
            figures.csat_rated[tier] += 1
            figures.csat_good[tier] += survey["rating"] == Rating.GOOD
    return figures
