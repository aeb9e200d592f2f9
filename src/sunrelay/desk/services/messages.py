"""Messages on a ticket: the customer's, staff replies and notes, and what mail reports back.

A public reply's e-mail is not sent from here: the mail app hears of the reply through
desk.signals.ticket_changed and queues it in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk import lifecycle
from sunrelay.desk.html import sanitize
from sunrelay.desk.models import EventKind, Message, MessageKind, Status, Ticket, TicketEvent
from sunrelay.desk.permissions import check_can_note, check_can_work
from sunrelay.desk.services.events import SYSTEM, changed, event, record, record_change
from sunrelay.desk.services.properties import apply_changes, locked, refresh


def customer_message_rows(
    ticket: Ticket, contact: Contact, body: str, html: str, at: datetime
) -> tuple[Message, list[TicketEvent]]:
    """The rows a customer's message on a ticket writes, not yet saved; the ticket itself is
    changed in memory: pending or solved tickets open again (receive_customer_message,
    desk.bulk)."""
    lifecycle.check_body(body)
    state = lifecycle.TicketState(
        subject=ticket.subject, status=ticket.status, solved_at=ticket.solved_at
    )
    changes = lifecycle.on_customer_message(state, at)
    message = Message(
        ticket=ticket,
        kind=MessageKind.CUSTOMER,
        author_contact=contact,
        body_text=body,
        body_html=sanitize(html),
        created_at=at,
    )
    events = [
        event(
            ticket,
            c.kind,
            at=at,
            contact=contact,
            old=c.old,
            new=c.new,
            message=message if c.kind == EventKind.RECEIVED else None,
        )
        for c in changes
    ]
    ticket.status, ticket.solved_at = state.status, state.solved_at
    ticket.updated_at = at
    return message, events


@transaction.atomic
def receive_customer_message(
    ticket: Ticket, contact: Contact, body: str, html: str = "", at: datetime | None = None
) -> Message:
    """A customer wrote on the ticket: pending or solved tickets open again."""
    lifecycle.check_body(body)
    row = locked(ticket)
    now = at or timezone.now()
    message, events = customer_message_rows(row, contact, body, html, now)
    message.save()
    for e in events:
        e.save()
    row.save()
    changed(row, events, now)
    refresh(ticket, row)
    return message


@transaction.atomic
def reply(
    ticket: Ticket,
    author,
    body: str,
    *,
    html: str = "",
    public: bool = True,
    status: str | None = None,
    cause: str | None = None,
    bug_url: str | None = None,
    at: datetime | None = None,
    posted_on: str = "",
) -> Message:
    """Add a public reply (public=True) or an internal note, optionally changing the status,
    and with it the cause and bug link (None: unchanged), so solving takes one step.

    `posted_on` is the address of a public reply already published elsewhere (an answer on
    a Q&A site): its event says so and it is not e-mailed.

    The rules are desk.lifecycle's: solving needs a cause, set before or given here. A first
    public reply on a new ticket opens it. Refused, nothing is written. A plain note asks
    desk.permissions.can_note_ticket (sales may leave one on their accounts' tickets); a
    reply, or a note that changes anything, needs someone who works tickets.
    """
    if public or any(value is not None for value in (status, cause, bug_url)):
        check_can_work(author, ticket)
    else:
        check_can_note(author, ticket)
    lifecycle.check_body(body)
    row = locked(ticket)
    lifecycle.check_not_closed(row.status)
    lifecycle.check_reply_route(row.channel, public=public, posted_on=posted_on)
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=row,
        kind=MessageKind.REPLY if public else MessageKind.NOTE,
        author_user=author,
        body_text=body,
        body_html=sanitize(html),
        created_at=now,
    )
    kind = EventKind.REPLIED if public else EventKind.NOTED
    posted = {"posted_on": posted_on} if public and posted_on else None
    events = [record(row, kind, at=now, actor=author, message=message, new=posted)]
    row.updated_at = now
    changes = {"status": status, "cause": cause, "bug_url": bug_url}
    changes = {field: value for field, value in changes.items() if value is not None}
    if changes:
        events += apply_changes(row, author, changes, now)
    if status is None and lifecycle.opens_on_reply(row, public=public):
        events.append(_set_status(row, Status.OPEN, now, author))
    row.save()
    changed(row, events, now)
    refresh(ticket, row)
    return message


def _set_status(ticket: Ticket, status: str, at: datetime, actor) -> TicketEvent | None:
    state = lifecycle.TicketState(
        subject=ticket.subject, status=ticket.status, solved_at=ticket.solved_at
    )
    written = record_change(ticket, lifecycle.set_status(state, status, at), at=at, actor=actor)
    ticket.status, ticket.solved_at = state.status, state.solved_at
    return written


def note(
    ticket: Ticket, author, body: str, *, html: str = "", at: datetime | None = None
) -> Message:
    """An internal note: seen by staff only. Sales may leave one on their own accounts'
    tickets (desk.permissions.can_note_ticket)."""
    return reply(ticket, author, body, html=html, public=False, at=at)


@transaction.atomic
def system_note(ticket: Ticket, body: str, *, author=None, at: datetime | None = None) -> Message:
    """An internal note written by Sunrelay (hand-off summaries), or on behalf of `author`."""
    lifecycle.check_body(body)
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket, kind=MessageKind.NOTE, author_user=author, body_text=body, created_at=now
    )
    written = record(ticket, EventKind.NOTED, at=now, actor=author or SYSTEM, message=message)
    changed(ticket, [written], now)
    return message


@transaction.atomic
def record_auto_reply(
    ticket: Ticket, contact: Contact | None, body: str, *, html: str = "", at=None
) -> Message:
    """An automatic reply (out of office, auto-responder) on the ticket: recorded, never
    answered; it changes neither the status nor the ticket's place in the queue."""
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket,
        kind=MessageKind.AUTO_REPLY,
        author_contact=contact,
        body_text=body or "(empty automatic reply)",
        body_html=sanitize(html),
        created_at=now,
    )
    written = record(ticket, EventKind.AUTO_REPLY, at=now, contact=contact, message=message)
    changed(ticket, [written], now)
    return message


@transaction.atomic
def record_bounce(
    ticket: Ticket,
    body: str,
    *,
    html: str = "",
    details: dict[str, Any] | None = None,
    at=None,
) -> Message:
    """A delivery failure report for one of our replies on this ticket, shown to agents."""
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket,
        kind=MessageKind.BOUNCE,
        body_text=body or "(empty delivery report)",
        body_html=sanitize(html),
        created_at=now,
    )
    written = record(ticket, EventKind.BOUNCED, at=now, message=message, new=details or {})
    changed(ticket, [written], now)
    return message


def record_delivery_failure(
    ticket: Ticket, *, message: Message | None, reason: str, at=None
) -> TicketEvent:
    """A reply could not be sent (refused, or retried too often): shown on the ticket."""
    now = at or timezone.now()
    written = record(
        ticket, EventKind.DELIVERY_FAILED, at=now, message=message, new={"reason": reason[:1000]}
    )
    changed(ticket, [written], now)
    return written
