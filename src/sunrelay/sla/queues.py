"""What the SLA app adds to the desk's queues (sunrelay.desk.queues): the "most urgent
first" order and the SLA state filter, registered when the app is ready, and the rows behind
the SLA column."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from sunrelay.desk import queue_filters, queues
from sunrelay.desk.models import Status
from sunrelay.sla.clock import State
from sunrelay.sla.models import TicketSla

# The groups of sunrelay.sla.urgency: a running clock (the ticket has a next deadline),
# no running clock, waiting on the customer or on hold. Without them an old ticket whose
# clocks are all met (placed by age) would sort above one breached an hour ago.
GROUP = Case(
    When(status__in=[Status.PENDING, Status.ON_HOLD], then=Value(2)),
    When(urgency__next_deadline__isnull=False, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)

URGENCY_SORT = "urgency"
URGENCY_LABEL = "Most urgent first"


def urgency_order(descending: bool = False) -> list:
    """ORDER BY terms of "most urgent first" (reversed when `descending`): the group, then the
    stored sort key of sunrelay.sla.urgency (next deadline, or age and next target, moved
    earlier for priority, tier, MRR); tickets not computed yet (no TicketUrgency row, as
    just after a bulk import) come last in their group both ways."""
    key = F("urgency__urgency_at")
    if descending:
        return [GROUP.desc(), key.desc(nulls_last=True)]
    return [GROUP.asc(), key.asc(nulls_last=True)]


# The states the SLA filter takes, as the SLA column shows them (sla.live.state_at, in SQL):
# breached: a running clock is past its deadline; warning: a running clock is past its
# warning time and none is breached; paused: a clock is paused and none runs.
SLA_STATES = [
    ("breached", "Breached"),
    ("warning", "Warning: deadline near"),
    ("paused", "Paused: waiting on the customer"),
]
RUNNING = Q(
    stopped_at__isnull=True,
    deadline__isnull=False,
    state__in=[State.OK.value, State.WARNING.value, State.BREACHED.value],
)


def by_sla_state(qs: QuerySet, state: str, user=None, now: datetime | None = None) -> QuerySet:
    """Tickets whose SLA is in `state` (one of SLA_STATES) as of `now`."""
    now = now or timezone.now()
    targets = TicketSla.objects.filter(ticket=OuterRef("pk"))
    running = targets.filter(RUNNING)
    breached = Exists(running.filter(deadline__lte=now))
    if state == "breached":
        return qs.filter(breached)
    if state == "warning":
        warned = Q(state=State.WARNING.value) | Q(warn_at__lte=now)
        return qs.filter(Exists(running.filter(warned, deadline__gt=now)) & ~breached)
    if state == "paused":
        return qs.filter(Exists(targets.filter(state=State.PAUSED.value)) & ~Exists(running))
    raise ValueError(f"{state!r} is not an SLA state to filter on")


def register() -> None:
    """Offer "most urgent first" on the queues, as the order of unsolved tickets, and the SLA
    state filter (SlaConfig.ready)."""
    queues.register_sort(URGENCY_SORT, URGENCY_LABEL, urgency_order(), default=True)
    queue_filters.register_filter("sla", "SLA", SLA_STATES, by_sla_state)


class SlaRow(NamedTuple):
    """What the SLA column reads of one target (a TicketSla row, without the model)."""

    ticket_id: int
    metric: str
    state: str
    deadline: datetime | None
    warn_at: datetime | None
    stopped_at: datetime | None


def sla_rows(ticket_ids: Iterable[int]) -> dict[int, list[SlaRow]]:
    """The SLA targets of a page of tickets, by ticket id, in one query (a ticket without
    targets is missing). Read as tuples: building 150 model instances costs three times more.
    TicketUrgency is not read: its next deadline is the earliest running target, which the
    SLA column finds among these rows itself."""
    rows: dict[int, list[SlaRow]] = {}
    found = TicketSla.objects.filter(ticket_id__in=list(ticket_ids)).values_list(*SlaRow._fields)
    for row in found:
        rows.setdefault(row[0], []).append(SlaRow(*row))
    return rows
