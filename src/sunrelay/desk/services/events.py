"""Writing a ticket's events, and telling the apps above the desk what changed."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from sunrelay.desk.lifecycle import Change
from sunrelay.desk.models import EventKind, Ticket, TicketEvent
from sunrelay.desk.permissions import check_can_work
from sunrelay.desk.signals import ticket_changed


class _System:
    """Sunrelay itself as the actor (routing, hand-offs, coverage); events show no person."""

    is_active = True
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def check_actor(actor, ticket=None) -> None:
    if actor is not SYSTEM:
        check_can_work(actor, ticket)


def event(ticket, kind, *, at, actor=None, contact=None, old=None, new=None, message=None):
    """An event row, not yet saved."""
    return TicketEvent(
        ticket=ticket,
        kind=kind,
        at=at,
        actor_user=None if actor is SYSTEM else actor,
        actor_contact=contact,
        old=old,
        new=new,
        message=message,
    )


def record(ticket, kind, **fields) -> TicketEvent:
    row = event(ticket, kind, **fields)
    row.save()
    return row


def record_change(ticket, change: Change | None, **fields) -> TicketEvent | None:
    """Save the event of a lifecycle change (nothing for None: the change changed nothing)."""
    if change is None:
        return None
    return record(ticket, change.kind, old=change.old, new=change.new, **fields)


def changed(ticket: Ticket, events: list[TicketEvent | None], at: datetime) -> None:
    """Tell the listeners (desk.signals.ticket_changed); call inside the change's transaction."""
    written = [e for e in events if e is not None]
    if written:
        ticket_changed.send(sender=Ticket, ticket=ticket, events=written, at=at)


# Kinds other domains write through record_event (their own rules live with them).
RECORDED_ELSEWHERE = frozenset(
    {
        EventKind.LEVEL_RAISED,
        EventKind.PAGED,
        EventKind.NOTIFIED,
        EventKind.ACKNOWLEDGED,
        EventKind.PAGING_ENDED,
    }
)


def record_event(
    ticket: Ticket, kind: str, *, actor=SYSTEM, at: datetime | None = None, old=None, new=None
) -> TicketEvent:
    """A level raise or paging event in the ticket's log (schedule.level_up, paging)."""
    if kind not in RECORDED_ELSEWHERE:
        raise ValueError(f"{kind!r} events are written by desk.services itself")
    now = at or timezone.now()
    row = record(ticket, kind, at=now, actor=actor, old=old, new=new)
    changed(ticket, [row], now)
    return row


def record_handoff(
    ticket: Ticket,
    from_id,
    to_id,
    from_region: str,
    to_region: str,
    *,
    at,
    actor=SYSTEM,
    details: dict | None = None,
) -> TicketEvent:
    """A hand-off of a ticket between people (at the end of a shift, or "hand off now"), for
    the log and the reports. `details` go into the event's new value beside the receiver:
    the owner it returns to, until when, a summary in words."""
    row = record(
        ticket,
        EventKind.HANDED_OFF,
        at=at,
        actor=actor,
        old={"user": from_id, "region": from_region},
        new={**(details or {}), "user": to_id, "region": to_region},
    )
    changed(ticket, [row], at)
    return row


def record_handback(
    ticket: Ticket, holder_id, owner_id, *, at, actor=SYSTEM, summary: str
) -> TicketEvent:
    """A ticket handed over temporarily went back to its owner (automatically, or taken back)."""
    row = record(
        ticket,
        EventKind.HANDED_BACK,
        at=at,
        actor=actor,
        old={"user": holder_id},
        new={"user": owner_id, "summary": summary},
    )
    changed(ticket, [row], at)
    return row
