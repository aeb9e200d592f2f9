"""Running the paging worker in tests and reading what it did."""

from __future__ import annotations

from sunrelay.desk.models import EventKind
from sunrelay.mail.models import Outbox, OutboxKind
from sunrelay.paging import steps, webhooks


def run_worker(limit: int = 100) -> int:
    """Run the paging drains until nothing is due now; returns the steps taken."""
    done = 0
    while done < limit and (steps.advance_one() or webhooks.deliver_one()):
        done += 1
    return done


def paged_addresses() -> list[str]:
    """The recipients of every page e-mail queued, in order."""
    return [
        row.to[0]
        for row in Outbox.objects.filter(kind=OutboxKind.NOTIFICATION).order_by("id")
        if row.subject.startswith("[Page")
    ]


def events(ticket, *kinds) -> list:
    kinds = kinds or (
        EventKind.PAGED,
        EventKind.NOTIFIED,
        EventKind.ACKNOWLEDGED,
        EventKind.PAGING_ENDED,
    )
    return list(ticket.events.filter(kind__in=kinds).order_by("id"))
