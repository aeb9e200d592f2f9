"""The weekly report: one computation that the page, the e-mail, the CLI and the API render.

compute() reads the period's rows with a few bounded queries (reports.queries), turns them
into figures with the pure formulas (reports.metrics), and lets the wording layer write the
summary. Nothing downstream recomputes a figure, so every renderer agrees to the minute.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from sunrelay.reports import (
    conf,
    contributed,
    feedback_themes,
    labels,
    metrics,
    names,
    queries,
    refresh,
    satisfaction,
    sections,
    wording,
)
from sunrelay.reports.figures import Backlog, Breakdown, Filters, WeeklyReport
from sunrelay.reports.metrics import ClockRow
from sunrelay.reports.periods import Week
from sunrelay.reports.queries import Scope

BREAKDOWN_METRICS = ("first_reply", "next_reply", "resolution")
# Replies and solves by Sunrelay itself, or by a user since deleted.
UNKNOWN_AGENT = "Sunrelay or unknown"


def default_week(now: datetime | None = None) -> Week:
    """The last complete week in the report's zone."""
    return Week.last_complete(now or timezone.now(), conf.time_zone())


def _breakdowns(metric, rows, previous, people) -> list[Breakdown]:
    person_names = {p.id: p.name for p in people.values()}
    regions = labels.region_labels(people.values())

    def region(row: ClockRow) -> str:
        person = people.get(row.agent_id)
        return person.zone if person else labels.UNKNOWN

    def agent(row: ClockRow) -> str:
        return str(row.agent_id) if row.agent_id is not None else labels.UNKNOWN

    def agent_label(key: str) -> str:
        return person_names.get(int(key), f"User {key}") if key.isdigit() else UNKNOWN_AGENT

    def region_label(key: str) -> str:
        return UNKNOWN_AGENT if key == labels.UNKNOWN else regions.get(key, labels.zone_city(key))

    dimensions = [
        ("tier", lambda r: r.tier, labels.tier, list(labels.TIERS)),
        (
            "strategic",
            lambda r: "strategic" if r.strategic else "other",
            labels.STRATEGIC.get,
            list(labels.STRATEGIC),
        ),
        (
            "channel",
            lambda r: r.channel,
            lambda k: labels.CHANNELS.get(k, k),
            list(labels.CHANNELS),
        ),
        ("level", lambda r: r.level, lambda k: labels.LEVELS.get(k, k), list(labels.LEVELS)),
        ("region", region, region_label, []),
        ("agent", agent, agent_label, []),
        ("skill", lambda r: r.skill, lambda k: labels.SKILLS.get(k, k), list(labels.SKILLS)),
    ]
    return metrics.breakdowns(metric, rows, previous, dimensions)


def compute(week: Week, scope: Scope | None = None, now: datetime | None = None) -> WeeklyReport:
    """The report of `week` against the week before, as of `now` (default: the clock)."""
    scope = scope or Scope()
    now = now or timezone.now()
    refresh.ensure_fresh(now)
    previous = week.previous()
    as_of, previous_as_of = min(week.end, now), min(previous.end, now)
    people = names.staff()
    span = (week.start, week.end)
    before = (previous.start, previous.end)

    received = queries.received(*span, scope)
    previous_received = queries.received(*before, scope, times=False)
    answered = sum(1 for r in received if r.answered)
    previous_answered = sum(1 for r in previous_received if r.answered)
    replies = queries.replies(*span, scope)
    previous_replies = queries.replies(*before, scope)
    solves = queries.solves(*span, scope)
    previous_solves = queries.solves(*before, scope)
    reopen_events = queries.reopenings(*span, scope)
    previous_reopen_events = queries.reopenings(*before, scope)
    reopened, previous_reopened = set(reopen_events), set(previous_reopen_events)

    timings = {}
    for metric in BREAKDOWN_METRICS:
        rows = queries.clocks(metric, *span, scope)
        previous_rows = queries.clocks(metric, *before, scope)
        if metric == "resolution":
            rows, previous_rows = (
                metrics.last_per_ticket(rows),
                metrics.last_per_ticket(previous_rows),
            )
        timings[metric] = (rows, previous_rows)

    key_tiers = conf.key_tiers()
    first_rows, previous_first_rows = timings["first_reply"]
    ages = queries.backlog_ages(as_of, scope)
    previous_ages = queries.backlog_ages(previous_as_of, scope)
    solved_tickets = {s.ticket_id for s in solves}
    previous_solved_tickets = {s.ticket_id for s in previous_solves}

    report = WeeklyReport(
        week=week.label,
        previous_week=previous.label,
        title=week.title(),
        zone=week.zone,
        start=week.start,
        end=week.end,
        previous_start=previous.start,
        as_of=as_of,
        filters=Filters(
            tier=scope.tier,
            region=scope.region,
            agent=scope.agent,
            description=describe(scope, people),
        ),
        summary=[],
        received=metrics.count(len(received), len(previous_received)),
        answered=metrics.count(answered, previous_answered, len(received), len(previous_received)),
        replied_to=metrics.count(replies.tickets, previous_replies.tickets),
        replies=metrics.count(replies.sent, previous_replies.sent),
        solved=metrics.count(len(solved_tickets), len(previous_solved_tickets)),
        reopened=metrics.count(len(reopened), len(previous_reopened)),
        reopen_rate=metrics.count(
            len(sections.reopened_among(solves, reopened)),
            len(sections.reopened_among(previous_solves, previous_reopened)),
            len(solved_tickets),
            len(previous_solved_tickets),
        ),
        backlog=Backlog(
            count=metrics.count(len(ages), len(previous_ages)),
            at=as_of,
            previous_at=previous_as_of,
            ages=metrics.age_buckets(ages, previous_ages),
        ),
        first_reply=metrics.timing(first_rows, previous_first_rows),
        next_reply=metrics.timing(*timings["next_reply"]),
        resolution=metrics.timing(*timings["resolution"]),
        key_tiers=key_tiers,
        key_first_reply=metrics.timing(
            [r for r in first_rows if r.tier in key_tiers],
            [r for r in previous_first_rows if r.tier in key_tiers],
        ),
        breakdowns=[
            b for metric in BREAKDOWN_METRICS for b in _breakdowns(metric, *timings[metric], people)
        ],
        **sections.sla(week, previous, as_of, previous_as_of, scope),
        handoffs=sections.handoffs(span, before, scope, people),
        **sections.causes(solves, previous_solves),
        bug_links_added=sections.bug_links_added(span, before, scope),
        **sections.interesting(span, before, scope),
        growth_tags=sections.growth_tags(span, before, scope),
        growth_accounts=sections.growth_accounts(received, previous_received),
        team=sections.team(replies, previous_replies, solves, previous_solves, people),
        trend=sections.trend(
            week,
            scope,
            current=(received, answered, solves, reopen_events, len(ages), first_rows),
            previous=(
                previous_received,
                previous_answered,
                previous_solves,
                previous_reopen_events,
                len(previous_ages),
                previous_first_rows,
            ),
        ),
        coverage=sections.coverage(week, received, scope),
        csat=satisfaction.compute(week, scope),
        feedback_themes=feedback_themes.grew(week, previous, scope),
        contributed=contributed.compute(week, previous, scope),
    )
    report.summary = wording.summary(report)
    return report


def describe(scope: Scope, people) -> str:
    parts = []
    if scope.tier:
        parts.append(f"{labels.tier(scope.tier)} tier")
    if scope.region:
        parts.append(
            f"region {labels.region_labels(people.values()).get(scope.region, labels.zone_city(scope.region))}"
        )
    if scope.agent is not None:
        person = people.get(scope.agent)
        parts.append(f"tickets assigned to {person.name if person else f'user {scope.agent}'}")
    return ", ".join(parts)
