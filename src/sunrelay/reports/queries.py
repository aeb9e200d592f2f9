"""The few queries behind a weekly report. Each returns plain rows for reports.metrics.

Every query is bounded by the period (an indexed range on a time column) and narrowed by
the report's filters (Scope), so its cost follows the week's volume, not the history's.
The larger ones are read with raw(): values_list converts every value through its field,
which on a week of tickets costs more than the query itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Q,
)

from sunrelay.desk.models import EventKind, Ticket, TicketEvent
from sunrelay.reports.facts import RESOLUTION, UNSOLVED
from sunrelay.reports.labels import NO_ACCOUNT
from sunrelay.reports.metrics import ClockRow
from sunrelay.reports.models import Clock, TicketFact
from sunrelay.team.models import StaffProfile


@dataclass(frozen=True)
class Scope:
    """The report's filters; every figure is computed on the tickets they select."""

    tier: str = ""  # an account tier, or "none" for tickets without an account
    region: str = ""  # a time zone: tickets assigned to someone working in it
    agent: int | None = None  # tickets assigned to this person

    def q(self, prefix: str = "") -> Q:
        """The condition on a TicketFact or a Clock (their own columns: prefix "") or on the
        TicketFact of an event ("ticket__report_fact__")."""
        condition = Q()
        if self.tier:
            condition &= Q(**{f"{prefix}tier": "" if self.tier == NO_ACCOUNT else self.tier})
        if self.agent is not None:
            condition &= Q(**{f"{prefix}assignee_id": self.agent})
        if self.region:
            people = StaffProfile.objects.filter(time_zone=self.region).values("user_id")
            condition &= Q(**{f"{prefix}assignee_id__in": people})
        return condition


def raw(queryset) -> list[tuple]:
    """The rows of a values_list queryset as the driver returns them: numbers, text,
    booleans (0/1 on SQLite) as they are; times naive on SQLite (read them with instant())."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def instant(value) -> datetime | None:
    """A time column read with raw(): naive UTC on SQLite (text, or parsed by the driver's
    converter), aware on PostgreSQL."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


# -- tickets received -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Received:
    id: int
    created_at: datetime | None
    account_id: int | None
    tier: str
    answered: bool  # a public reply before the end of the period


def received(start: datetime, end: datetime, scope: Scope, *, times: bool = True) -> list[Received]:
    """Tickets received in the period; `times=False` leaves created_at out (None), which is
    most of the cost of reading them when only counts are needed."""
    answered = ExpressionWrapper(Q(first_reply_at__lt=end), BooleanField())
    fields = ["ticket_id", "created_at", "account_id", "tier", "answered"]
    if not times:
        fields[1] = "ticket_id"
    rows = raw(
        TicketFact.objects.filter(created_at__gte=start, created_at__lt=end)
        .filter(scope.q())
        .annotate(answered=answered)
        .values_list(*fields)
    )
    return [
        Received(i, instant(c) if times else None, a, t or NO_ACCOUNT, bool(f))
        for i, c, a, t, f in rows
    ]


def tag_counts(start: datetime, end: datetime, scope: Scope) -> dict[str, int]:
    tickets = TicketFact.objects.filter(created_at__gte=start, created_at__lt=end).filter(scope.q())
    rows = (
        Ticket.tags.through.objects.filter(ticket_id__in=tickets.values("ticket_id"))
        .values("tag__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["tag__name"]: row["n"] for row in rows}


# -- clocks -----------------------------------------------------------------------------

_BREACHED = ExpressionWrapper(Q(breach_at__isnull=False), output_field=BooleanField())
CLOCK_FIELDS = (
    "ticket_id",
    "seq",
    "agent_id",
    "business_minutes",
    "calendar_minutes",
    "target_minutes",
    "breached",
    "tier",
    "strategic",
    "channel",
    "level",
    "skill",
)


def stopped(metric: str, start: datetime, end: datetime, scope: Scope):
    """Clocks of `metric` stopped in the period: reply clocks stopped by a public reply,
    resolution clocks by a solve."""
    rows = Clock.objects.filter(
        metric=metric,
        stopped_at__gte=start,
        stopped_at__lt=end,
        stopped_by="solve" if metric == RESOLUTION else "reply",
    )
    return rows.filter(scope.q())


def clocks(metric: str, start: datetime, end: datetime, scope: Scope) -> list[ClockRow]:
    rows = raw(
        stopped(metric, start, end, scope).annotate(breached=_BREACHED).values_list(*CLOCK_FIELDS)
    )
    return [
        ClockRow(t, s, a, b, c, target, bool(br), tier or NO_ACCOUNT, bool(st), ch, lv, sk)
        for t, s, a, b, c, target, br, tier, st, ch, lv, sk in rows
    ]


def attainment(start: datetime, end: datetime, scope: Scope) -> dict[tuple, tuple[int, int]]:
    """(policy_id, metric, target minutes, business) -> (met, total) over the clocks with a
    target that stopped in the period."""
    rows = raw(
        Clock.objects.filter(
            metric__in=["first_reply", "next_reply", "periodic_update", RESOLUTION],
            stopped_at__gte=start,
            stopped_at__lt=end,
            target_minutes__isnull=False,
        )
        .filter(scope.q())
        .values_list("policy_id", "metric", "target_minutes", "target_business")
        .annotate(total=Count("id"), met=Count("id", filter=Q(breach_at__isnull=True)))
        .order_by()
    )
    return {(p, m, t, bool(b)): (met, total) for p, m, t, b, total, met in rows}


def breaches(start: datetime, end: datetime, scope: Scope) -> list[tuple]:
    """Targets crossed in the period, one row per (ticket, metric, moment), in time order:
    (ticket_id, metric, policy_id, target, business, breach_at, stopped_at, business_min,
    calendar_min), as read; breach_details() reads the ones shown."""
    rows = raw(
        Clock.objects.filter(breach_at__gte=start, breach_at__lt=end)
        .exclude(metric=UNSOLVED)
        .filter(scope.q())
        .order_by("breach_at", "ticket_id", "metric", "seq")
        .values_list(
            "ticket_id",
            "metric",
            "policy_id",
            "target_minutes",
            "target_business",
            "breach_at",
            "stopped_at",
            "business_minutes",
            "calendar_minutes",
        )
    )
    seen: set[tuple] = set()
    unique = []
    for row in rows:
        key = (row[0], row[1], row[5])
        if key not in seen:  # a resolution breach repeats on every later solve
            seen.add(key)
            unique.append(row)
    return unique


def breach_details(row: tuple) -> tuple:
    """A row of breaches() with its times read and its business flag a bool."""
    t, m, p, target, business, at, stopped, b, c = row
    return t, m, p, target, bool(business), instant(at), instant(stopped), b, c


# -- unsolved stretches ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Solve:
    ticket_id: int
    seq: int  # 0: the first solve; 1 and up: after a reopening
    solver: int | None
    cause: str  # the ticket's cause now
    bug_linked: bool


def stretches(scope: Scope):
    return Clock.objects.filter(metric=UNSOLVED).filter(scope.q())


def solves(start: datetime, end: datetime, scope: Scope) -> list[Solve]:
    """Every unsolved stretch that ended (was solved) in the period."""
    rows = raw(
        stretches(scope)
        .filter(stopped_at__gte=start, stopped_at__lt=end)
        .values_list("ticket_id", "seq", "agent_id", "cause", "bug_linked")
    )
    return [Solve(t, s, a, c or "", bool(b)) for t, s, a, c, b in rows]


def reopenings(start: datetime, end: datetime, scope: Scope) -> list[int]:
    """Tickets of the stretches that began with a reopening in the period."""
    rows = stretches(scope).filter(seq__gte=1, started_at__gte=start, started_at__lt=end)
    return [t for (t,) in raw(rows.values_list("ticket_id"))]


def backlog_ages(at: datetime, scope: Scope) -> list[float]:
    """Age in minutes, at `at`, of every ticket unsolved at that instant: the stretches that
    began before `at` and were still running, or stopped after it.

    Read along the stopped_at index, which holds started_at too: a recent instant has few
    stretches stopped after it. SQLite's planner, without value statistics, would rather walk
    every stretch started before it, so on SQLite the index is named."""
    base = stretches(scope).filter(started_at__lt=at)
    rows = []
    for part in (base.filter(stopped_at__gte=at), base.filter(stopped_at__isnull=True)):
        sql, params = part.values_list("ticket__created_at").query.sql_with_params()
        if connection.vendor == "sqlite":
            table = connection.ops.quote_name(Clock._meta.db_table)
            sql = sql.replace(f"FROM {table}", f"FROM {table} INDEXED BY report_clock_stopped", 1)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows += cursor.fetchall()
    return [(at - instant(c)).total_seconds() / 60 for (c,) in rows]


# -- the event log ----------------------------------------------------------------------


def events(kind: str, start: datetime, end: datetime, scope: Scope, *fields: str):
    return (
        TicketEvent.objects.filter(kind=kind, at__gte=start, at__lt=end)
        .filter(scope.q("ticket__report_fact__"))
        .order_by("at", "id")
        .values_list(*fields)
    )


@dataclass(frozen=True)
class Replies:
    sent: int  # public replies
    tickets: int  # tickets that got at least one
    by_agent: dict[int | None, tuple[int, int]]  # author -> (replies, tickets)


def replies(start: datetime, end: datetime, scope: Scope) -> Replies:
    """Public replies sent in the period, counted by the database."""
    rows = events(EventKind.REPLIED, start, end, scope, "actor_user_id").order_by()
    by_agent = {
        agent: (n, tickets)
        for agent, n, tickets in raw(
            rows.annotate(n=Count("id"), tickets=Count("ticket_id", distinct=True))
        )
    }
    tickets = (
        TicketEvent.objects.filter(kind=EventKind.REPLIED, at__gte=start, at__lt=end)
        .filter(scope.q("ticket__report_fact__"))
        .aggregate(n=Count("ticket_id", distinct=True))["n"]
    )
    return Replies(sum(n for n, _ in by_agent.values()), tickets, by_agent)


def handed_off(start: datetime, end: datetime, scope: Scope) -> list[tuple]:
    """(ticket_id, at, old, new) of the hand-offs between regions in the period."""
    rows = events(EventKind.HANDED_OFF, start, end, scope, "ticket_id", "at", "old", "new")
    return [(t, instant(at), _json(old), _json(new)) for t, at, old, new in raw(rows)]
