"""What the SLA app adds to the desk's queues (sunrelay.desk.queues): the "most urgent
first" order, registered when the app is ready, and the rows behind the SLA column."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from django.db.models import Case, F, IntegerField, Value, When

from sunrelay.desk import queues
from sunrelay.desk.models import Status
from sunrelay.sla.models import TicketSla

# Tickets waiting on the customer or on hold have no running clock: "most urgent first"
# lists them after the ones that need work now. Without this a ticket on hold for three
# months (placed 30 days after its creation by sunrelay.sla.urgency) would top the queue.
WAITING_LAST = Case(
    When(status__in=[Status.PENDING, Status.ON_HOLD], then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)

URGENCY_SORT = "urgency"


def urgency_order(descending: bool = False) -> list:
    """ORDER BY terms of "most urgent first" (reversed when `descending`): waiting tickets
    last, then the stored sort key of sunrelay.sla.urgency (next deadline moved earlier for
    priority, tier, MRR); tickets never computed (no TicketUrgency row) come last both ways."""
    key = F("urgency__urgency_at")
    if descending:
        return [WAITING_LAST.desc(), key.desc(nulls_last=True)]
    return [WAITING_LAST.asc(), key.asc(nulls_last=True)]


def register() -> None:
    """Offer "most urgent first" on the queues, as the order of unsolved tickets (SlaConfig.ready)."""
    queues.register_sort(URGENCY_SORT, "Most urgent first", urgency_order(), default=True)


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
