"""A ticket's version, and refusing a change made on an old one (collisions).

A ticket's version is the id of its last event: a page shows the version it was drawn at,
and sends it back with a reply, a note or a change of properties. When the ticket has
changed since (someone replied, a customer wrote, the priority moved), the write is held
and the agent is shown what changed; sending again with the new version goes through.
The SLA clocks' own warnings and breaches are no change anyone made: they never hold a write.
"""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from sunrelay.desk.models import EventKind, Ticket, TicketEvent

# A ticket's version as an annotation: lists read it with their tickets.
LAST_EVENT = Coalesce(
    Subquery(TicketEvent.objects.filter(ticket=OuterRef("pk")).order_by("-id").values("id")[:1]),
    Value(0),
)
# Events that are time passing, not a person's change.
QUIET = (EventKind.SLA_WARNING, EventKind.SLA_BREACHED)


class StaleVersion(Exception):
    """The ticket changed after `expected`: `events` are the changes, `version` the new one."""

    def __init__(self, version: int, events: list[TicketEvent]):
        super().__init__(
            f"The ticket changed since you loaded it ({len(events)} change"
            f"{'s' if len(events) != 1 else ''}); nothing was sent. Review the changes, "
            f"then send again with version {version}."
        )
        self.version = version
        self.events = events


def version_of(events: list[TicketEvent]) -> int:
    """The version of a ticket whose events (all of them, already read) are `events`."""
    return max((e.pk for e in events), default=0)


def current(ticket: Ticket) -> int:
    """One query."""
    return TicketEvent.objects.filter(ticket=ticket).aggregate(v=Max("id"))["v"] or 0


def changes_since(ticket: Ticket, version: int) -> list[TicketEvent]:
    """The changes people made after `version`, oldest first: one query."""
    return list(
        TicketEvent.objects.filter(ticket=ticket, id__gt=version)
        .exclude(kind__in=QUIET)
        .select_related("actor_user", "actor_contact", "message")
        .order_by("id")
    )


def check(ticket: Ticket, expected: int | None) -> None:
    """Raise StaleVersion when someone changed `ticket` after version `expected`; None
    (no version sent) checks nothing."""
    if expected is None:
        return
    changes = changes_since(ticket, expected)
    if changes:
        raise StaleVersion(max(current(ticket), changes[-1].pk), changes)
