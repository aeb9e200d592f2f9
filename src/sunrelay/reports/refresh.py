"""Keeping the report clocks (models.Clock, TicketFact) in step with the event log.

Three ways a ticket's clocks get (re)computed:
- every clock-moving event written through the ORM marks its ticket dirty in the same
  transaction (signals.py); the worker and every report computation refresh dirty tickets;
- tickets loaded in bulk without signals (the demo, imports) have no TicketFact yet: those
  above the highest computed id are found at once, any others by the worker's periodic sweep
  and by `sunrelay report refresh`;
- `sunrelay report refresh --all` recomputes everything (after changing SLA policies, whose
  targets the clocks keep from when they were computed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from sunrelay.desk.models import EventKind, Ticket, TicketEvent
from sunrelay.lib.fastinsert import insert_rows
from sunrelay.reports.facts import Step, ticket_facts
from sunrelay.reports.models import Clock, DirtyTicket, TicketFact
from sunrelay.sla import config as sla_config

STEP_KINDS = {
    EventKind.CREATED: "created",
    EventKind.RECEIVED: "customer",
    EventKind.REPLIED: "reply",
    EventKind.STATUS: "status",
}
# Events after which a ticket's facts may differ: the clock events, the properties that
# choose its SLA policy, and the dimensions the reports group by.
DIRTY_KINDS = frozenset(
    {
        *STEP_KINDS,
        EventKind.ACCOUNT,
        EventKind.PRIORITY,
        EventKind.TAGS,
        EventKind.LEVEL,
        EventKind.ASSIGNEE,
        EventKind.CAUSE,
        EventKind.BUG_LINK,
    }
)
TICKET_FIELDS = (
    "id",
    "created_at",
    "account_id",
    "account__tier",
    "account__strategic",
    "account__business_calendar_id",
    "channel",
    "level",
    "priority",
    "requester__skill",
    "assignee_id",
    "cause",
    "bug_url",
)
BATCH = 500
# The ticket dimensions a Clock row copies from its TicketFact.
DIMENSIONS = (
    "tier",
    "strategic",
    "channel",
    "level",
    "skill",
    "assignee_id",
    "cause",
    "bug_linked",
)
CLOCK_COLUMNS = (
    "ticket_id",
    "metric",
    "seq",
    "started_at",
    "stopped_at",
    "stopped_by",
    "agent_id",
    "business_minutes",
    "calendar_minutes",
    "policy_id",
    "target_minutes",
    "target_business",
    "breach_at",
    *DIMENSIONS,
)


def mark_dirty(ticket_ids: Iterable[int], now: datetime | None = None) -> None:
    """Queue tickets for recomputing, in the caller's transaction."""
    now = now or timezone.now()
    table = connection.ops.quote_name(DirtyTicket._meta.db_table)
    value = connection.ops.adapt_datetimefield_value(now)
    rows = [(int(pk), value) for pk in set(ticket_ids)]
    if not rows:
        return
    sql = (
        f"INSERT INTO {table} (ticket_id, marked_at) VALUES (%s, %s) "  # noqa: S608
        "ON CONFLICT (ticket_id) DO UPDATE SET marked_at = excluded.marked_at"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _steps(ticket_ids: list[int]) -> dict[int, list[Step]]:
    steps: dict[int, list[Step]] = defaultdict(list)
    rows = (
        TicketEvent.objects.filter(ticket_id__in=ticket_ids, kind__in=list(STEP_KINDS))
        .order_by("ticket_id", "at", "id")
        .values_list("ticket_id", "kind", "at", "new", "actor_user_id")
    )
    for ticket_id, kind, at, new, actor in rows:
        step_kind = STEP_KINDS[kind]
        if step_kind == "created":
            status = (new or {}).get("status", "new") if isinstance(new, dict) else "new"
        elif step_kind == "status":
            status = str(new)
        else:
            status = ""
        steps[ticket_id].append(Step(at, step_kind, status, actor))
    return steps


def _tags(ticket_ids: list[int]) -> dict[int, set[str]]:
    tags: dict[int, set[str]] = defaultdict(set)
    through = Ticket.tags.through
    for ticket_id, name in through.objects.filter(ticket_id__in=ticket_ids).values_list(
        "ticket_id", "tag__name"
    ):
        tags[ticket_id].add(name)
    return tags


def _fact(row, now: datetime) -> TicketFact:
    pk, created, account, tier, strategic, _, channel, level, _, skill, assignee, cause, bug = row
    return TicketFact(
        ticket_id=pk,
        created_at=created,
        account_id=account,
        tier=tier or "",
        strategic=bool(strategic),
        channel=channel,
        level=level,
        skill=skill or "",
        assignee_id=assignee,
        cause=cause or "",
        bug_linked=bool(bug),
        computed_at=now,
    )


def compute(tickets: list[tuple], config) -> dict[int, object]:
    """TicketFacts (reports.facts) for rows of TICKET_FIELDS, read in two more queries."""
    ids = [row[0] for row in tickets]
    steps = _steps(ids)
    tags = _tags(ids)
    result = {}
    for pk, _, _, tier, _, own_calendar, channel, _, priority, *_ in tickets:
        policy = config.policy_for(
            tier=tier or "", priority=priority, channel=channel, tags=tags.get(pk, set())
        )
        calendar_id = policy.calendar_id_for(own_calendar) if policy else own_calendar
        result[pk] = ticket_facts(
            steps.get(pk, []),
            policy_id=policy.id if policy else None,
            targets={t.metric.value: t for t in policy.targets} if policy else {},
            business_calendar=config.calendars.get(calendar_id),
            calendar_for=lambda business, cid=calendar_id: config.calendar(cid, business),
        )
    return result


FACT_FIELDS = [f.name for f in TicketFact._meta.concrete_fields if not f.primary_key]


def _write(rows: list[tuple], facts: dict, now: datetime) -> None:
    ids = [row[0] for row in rows]
    updated, dimensions = [], {}
    for row in rows:
        fact = _fact(row, now)
        fact.first_reply_at = facts[row[0]].first_reply_at
        updated.append(fact)
        dimensions[row[0]] = tuple(getattr(fact, name) for name in DIMENSIONS)
    TicketFact.objects.bulk_create(
        updated, update_conflicts=True, unique_fields=["ticket"], update_fields=FACT_FIELDS
    )
    Clock.objects.filter(ticket_id__in=ids).delete()
    insert_rows(
        Clock,
        CLOCK_COLUMNS,
        [
            (
                pk,
                c.metric,
                c.seq,
                c.started_at,
                c.stopped_at,
                c.stopped_by,
                c.agent_id,
                c.business_minutes,
                c.calendar_minutes,
                c.policy_id,
                c.target_minutes,
                c.target_business,
                c.breach_at,
                *dimensions[pk],
            )
            for pk, f in facts.items()
            for c in f.clocks
        ],
    )


def refresh(ticket_ids: Iterable[int], now: datetime | None = None, config=None) -> int:
    """Recompute the facts of these tickets; returns how many exist and were computed."""
    now = now or timezone.now()
    config = config or sla_config.current()
    ids = sorted(set(ticket_ids))
    done = 0
    for i in range(0, len(ids), BATCH):
        batch = ids[i : i + BATCH]
        with transaction.atomic():
            rows = list(
                Ticket.objects.filter(pk__in=batch).order_by("pk").values_list(*TICKET_FIELDS)
            )
            # Writing the TicketFact rows first (in id order) takes their row locks, so two
            # refreshes of the same ticket take turns and its clocks are never written twice.
            TicketFact.objects.bulk_create(
                [_fact(row, now) for row in rows],
                update_conflicts=True,
                unique_fields=["ticket"],
                update_fields=FACT_FIELDS,
            )
            _write(rows, compute(rows, config), now)
        done += len(rows)
    return done


def refresh_dirty(limit: int | None = None, now: datetime | None = None) -> int:
    """Recompute the tickets marked dirty (up to `limit`); returns how many were taken."""
    rows = DirtyTicket.objects.order_by("ticket_id").values_list("ticket_id", "marked_at")
    rows = list(rows[:limit] if limit else rows)
    if not rows:
        return 0
    refresh([pk for pk, _ in rows], now)
    # Only the marks that were read: a ticket marked again meanwhile stays queued.
    for i in range(0, len(rows), 200):
        condition = Q()
        for pk, marked_at in rows[i : i + 200]:
            condition |= Q(ticket_id=pk, marked_at=marked_at)
        DirtyTicket.objects.filter(condition).delete()
    return len(rows)


def refresh_new(now: datetime | None = None) -> int:
    """Compute tickets above the highest id computed so far (loaded in bulk)."""
    highest = TicketFact.objects.aggregate(m=Max("ticket_id"))["m"] or 0
    ids = list(Ticket.objects.filter(pk__gt=highest).values_list("pk", flat=True))
    return refresh(ids, now) if ids else 0


def refresh_missing(now: datetime | None = None) -> int:
    """Compute every ticket that has no facts yet (a full sweep)."""
    ids = list(Ticket.objects.filter(report_fact__isnull=True).values_list("pk", flat=True))
    return refresh(ids, now) if ids else 0


def refresh_all(now: datetime | None = None) -> int:
    DirtyTicket.objects.all().delete()
    return refresh(Ticket.objects.values_list("pk", flat=True), now)


def pending() -> int:
    """Tickets waiting to be computed: marked dirty, or loaded in bulk since the last run."""
    highest = TicketFact.objects.aggregate(m=Max("ticket_id"))["m"] or 0
    return DirtyTicket.objects.count() + Ticket.objects.filter(pk__gt=highest).count()


def ensure_fresh(now: datetime | None = None) -> int:
    """Bring the clocks up to date before a report reads them; cheap when they are."""
    return refresh_dirty(now=now) + refresh_new(now)
