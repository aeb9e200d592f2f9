"""Who is told of what, from the desk's events and the SLA clocks.

- A customer writes on a ticket assigned to someone: its assignee hears of it.
- A ticket is assigned to someone (by hand, in bulk, by routing, by a hand-off or taking it
  back), unless they assigned it to themselves: they hear of it.
- A note @mentions someone who may see the ticket: they hear of it (notify.mentions).
- An SLA target breaches on a ticket assigned to someone: its assignee hears of it.

Nobody hears of their own action. Each cause makes one notification per person (the
event's id, or the breach, is its key), however often the signal is sent again. Events
recorded long after they happened (imports of history) tell nobody.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from sunrelay.desk.models import EventKind, Ticket, TicketEvent
from sunrelay.desk.permissions import visible_tickets
from sunrelay.lib.formatting import person, short_subject
from sunrelay.notify import mentions
from sunrelay.notify.inbox import Draft
from sunrelay.notify.models import Kind

# Older than this, an event is history being recorded, not news (as the outbox's BACKDATED).
NEWS_FOR = timedelta(hours=1)
QUOTED = 300


def drafts_for(ticket: Ticket, event: TicketEvent) -> Iterator[Draft]:
    """The notifications one event of `ticket` makes."""
    if event.at < timezone.now() - NEWS_FOR:
        return
    key = f"event:{event.pk}"
    if event.kind == EventKind.RECEIVED and ticket.assignee_id is not None:
        yield _customer_wrote(ticket, event, key)
    elif event.kind == EventKind.ASSIGNEE and event.new is not None:
        if event.new != event.actor_user_id:
            yield _assigned(event, key)
    elif event.kind == EventKind.NOTED and event.message is not None:
        yield from _mentioned(ticket, event, key)


def _customer_wrote(ticket: Ticket, event: TicketEvent, key: str) -> Draft:
    contact = event.actor_contact
    who = (contact.name or contact.email) if contact else "The customer"
    text = event.message.body_text.strip() if event.message else ""
    return Draft(
        ticket.assignee,
        Kind.CUSTOMER_WROTE,
        key,
        f"{who} wrote on #{ticket.pk} {short_subject(ticket.subject, 60)}",
        mail_text=short_subject(text, QUOTED),
    )


def _assigned(event: TicketEvent, key: str) -> Draft | None:
    recipient = get_user_model().objects.filter(pk=event.new).first()
    by = person(event.actor_user) if event.actor_user else "Routing"
    ticket = event.ticket
    text = f"{by} assigned you #{ticket.pk} {short_subject(ticket.subject, 60)}"
    return Draft(recipient, Kind.ASSIGNED, key, text, actor=event.actor_user)


def _mentioned(ticket: Ticket, event: TicketEvent, key: str) -> Iterator[Draft]:
    body = event.message.body_text
    if "@" not in body:
        return
    staff = mentions.load_staff()
    author = event.actor_user
    for user in mentions.mentioned(body, staff):
        if author is not None and user.pk == author.pk:
            continue
        if not visible_tickets(user, Ticket.objects.filter(pk=ticket.pk)).exists():
            continue  # a note they cannot open is no news for them
        lines = mentions.lines_mentioning(body, user, staff)
        yield Draft(
            user,
            Kind.MENTIONED,
            key,
            f"{person(author) or 'Someone'} mentioned you on #{ticket.pk}: "
            f"{short_subject(' '.join(lines), 120)}",
            actor=author,
            mail_text="\n".join(lines),
        )


def breach_draft(ticket: Ticket, metric: str, breached_at) -> Draft | None:
    if ticket.assignee_id is None:
        return None
    label = metric.replace("_", " ")
    return Draft(
        ticket.assignee,
        Kind.SLA_BREACHED,
        f"breach:{metric}:{breached_at.isoformat()}"[:80],
        f"The {label} target breached on #{ticket.pk} {short_subject(ticket.subject, 60)}",
    )
