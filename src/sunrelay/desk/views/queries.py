"""The queues of the workspace: named ticket sets, their filters and sort orders.

Every queue is a condition on the tickets the user may see (desk.permissions.visible_tickets).
Sorting accepts whitelisted keys only; a page is one query plus one count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy

from sunrelay.accounts.models import Tier
from sunrelay.desk.models import UNSOLVED_STATUSES, Level, Priority, Status, Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.sla.models import TicketSla
from sunrelay.team.roles import WORKING_ROLES

PAGE_SIZE = 50


@dataclass(frozen=True)
class Queue:
    slug: str
    title: str
    group: str
    condition: Any  # callable(user) -> Q


def _rank(field: str, choices) -> Case:
    """Order a choice field by its declared order (low < urgent), not alphabetically."""
    return Case(
        *(When(**{field: value}, then=Value(i)) for i, value in enumerate(choices.values)),
        default=Value(-1),
        output_field=IntegerField(),
    )


QUEUES: dict[str, Queue] = {
    q.slug: q
    for q in [
        Queue("mine", "Mine", "Work", lambda user: Q(assignee=user)),
        Queue("unassigned", "Unassigned", "Work", lambda user: Q(assignee__isnull=True)),
        Queue("open", "All open", "Work", lambda user: Q()),
        Queue("strategic", "Strategic accounts", "Work", lambda user: Q(account__strategic=True)),
        *(
            Queue(
                f"tier-{tier.value}", tier.label, "By tier", lambda user, t=tier: Q(account__tier=t)
            )
            for tier in reversed(Tier)
        ),
        *(
            Queue(
                f"level-{level.value}", level.label, "By level", lambda user, lv=level: Q(level=lv)
            )
            for level in Level
        ),
    ]
}


def queue_counts(user) -> dict[str, int]:
    """Unsolved tickets per queue, in one query."""
    base = visible_tickets(user, Ticket.objects.filter(status__in=UNSOLVED_STATUSES))
    counts = base.aggregate(
        **{q.slug.replace("-", "_"): Count("id", filter=q.condition(user)) for q in QUEUES.values()}
    )
    return {q.slug: counts[q.slug.replace("-", "_")] for q in QUEUES.values()}


# Tickets waiting on the customer or on hold have no running clock: "most urgent first"
# lists them after the ones that need work now. Without this a ticket on hold for three
# months (placed 30 days after its creation by sunrelay.sla.urgency) would top the queue.
WAITING_LAST = Case(
    When(status__in=[Status.PENDING, Status.ON_HOLD], then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


def urgency_order(descending: bool = False) -> list:
    """ORDER BY terms of "most urgent first" (reversed when `descending`): waiting tickets
    last, then the stored sort key of sunrelay.sla.urgency (next deadline moved earlier for
    priority, tier, MRR); tickets never computed (no TicketUrgency row) come last both ways."""
    key = F("urgency__urgency_at")
    if descending:
        return [WAITING_LAST.desc(), key.desc(nulls_last=True)]
    return [WAITING_LAST.asc(), key.asc(nulls_last=True)]


# Sort key -> ORDER BY. Ascending age and last update mean "most recent first", as the
# columns show durations. Ties break on id so paging is stable.
SORTS: dict[str, tuple[str, list]] = {
    "urgency": ("Most urgent first", urgency_order()),
    "id": ("#", ["id"]),
    "subject": ("Subject", ["subject"]),
    "requester": ("Requester", ["requester__name", "requester__email"]),
    "account": ("Account", ["account__name"]),
    "mrr": ("MRR", ["account__mrr"]),
    "status": ("Status", [_rank("status", Status)]),
    "priority": ("Priority", [_rank("priority", Priority)]),
    "level": ("Level", [_rank("level", Level)]),
    "assignee": ("Assignee", ["assignee__first_name", "assignee__username"]),
    "age": ("Age", ["-created_at"]),
    "updated": ("Last update", ["-updated_at"]),
}
DEFAULT_SORT = "urgency"
# Solved and closed tickets have no deadline left: they are listed by last change instead.
DONE_SORT = "updated"


def default_sort(filters: dict[str, Any]) -> str:
    status = filters.get("status") or "unsolved"
    return DEFAULT_SORT if status == "unsolved" or status in UNSOLVED_STATUSES else DONE_SORT


def order_by(sort: str) -> list:
    descending = sort.startswith("-")
    _label, keys = SORTS[sort.lstrip("-")]
    terms = []
    for key in keys:
        if isinstance(key, str):
            desc = key.startswith("-") != descending
            name = key.lstrip("-")
            terms.append(f"-{name}" if desc else name)
        elif isinstance(key, OrderBy):  # already ordered: flip it for descending
            term = key.copy()
            term.descending = key.descending != descending
            terms.append(term)
        else:
            terms.append(key.desc() if descending else key.asc())
    # Within equal keys the ticket waiting longest comes first; the id makes paging stable.
    named = {t.lstrip("-") for t in terms if isinstance(t, str)}
    return [*terms, *(t for t in ("updated_at", "id") if t not in named)]


def assignable_users():
    """People tickets may be assigned to: active, in a working role."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(staff_roles__role__in=WORKING_ROLES) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


TICKET_NUMBER = re.compile(r"^#?(\d{1,12})$")


def apply_filters(qs: QuerySet, user, filters: dict[str, Any]) -> QuerySet:
    """`filters` holds cleaned values of QueueFilterForm; empty ones are ignored."""
    status = filters.get("status") or "unsolved"
    if status == "unsolved":
        qs = qs.filter(status__in=UNSOLVED_STATUSES)
    elif status != "any":
        qs = qs.filter(status=status)
    for field, lookup in (("priority", "priority"), ("level", "level"), ("tier", "account__tier")):
        if filters.get(field):
            qs = qs.filter(**{lookup: filters[field]})
    assignee = filters.get("assignee")
    if assignee == "me":
        qs = qs.filter(assignee=user)
    elif assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee:
        qs = qs.filter(assignee_id=int(assignee))
    if filters.get("tag"):
        qs = qs.filter(tags__name=filters["tag"])
    text = (filters.get("q") or "").strip()
    if text:
        number = TICKET_NUMBER.match(text)
        match = Q(subject__icontains=text)
        if number:
            match |= Q(pk=int(number.group(1)))
        qs = qs.filter(match)
    return qs


def queue_tickets(user, queue: Queue, filters: dict[str, Any]) -> QuerySet:
    """The queue's tickets in order, as primary keys: page this, then fetch_tickets()."""
    qs = visible_tickets(user, Ticket.objects.filter(queue.condition(user)))
    qs = apply_filters(qs, user, filters)
    sort = filters.get("sort") or default_sort(filters)
    return qs.order_by(*order_by(sort)).values_list("pk", flat=True)


class SlaRow(NamedTuple):
    """What the SLA column reads of one target (a TicketSla row, without the model)."""

    ticket_id: int
    metric: str
    state: str
    deadline: datetime | None
    warn_at: datetime | None
    stopped_at: datetime | None


def fetch_tickets(pks: list[int]) -> list[Ticket]:
    """One page of tickets with what the queue shows of them, in the order of `pks`: one
    query for the tickets, one for their SLA targets (on `sla_rows`).

    Sorting and skipping ids first, then reading 50 full rows, is 3 to 6 times faster on
    20,000 tickets than one query that joins every row before sorting (measured on SQLite).
    The SLA targets are read as tuples: building 150 model instances costs three times more.
    TicketUrgency is not joined here: its next deadline is the earliest running target,
    which the SLA column finds among these rows itself.
    """
    found = Ticket.objects.select_related("requester", "account", "assignee").in_bulk(pks)
    slas: dict[int, list[SlaRow]] = {}
    for row in TicketSla.objects.filter(ticket_id__in=pks).values_list(*SlaRow._fields):
        slas.setdefault(row[0], []).append(SlaRow(*row))
    tickets = [found[pk] for pk in pks if pk in found]
    for ticket in tickets:
        ticket.sla_rows = slas.get(ticket.pk, [])
    return tickets
