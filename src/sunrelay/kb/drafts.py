"""Turning answers into knowledge: an article drafted from a ticket's conversation, a macro
from one of our replies. Both only fill a form; the agent edits and saves."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.desk.permissions import visible_tickets

SHOWN = 4000  # characters of each message in a draft


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text[:SHOWN].splitlines())


def article_from_ticket(ticket: Ticket) -> dict:
    """The customer's words quoted, then our public answers, to turn into an article."""
    parts: list[str] = []
    for message in ticket.messages.filter(kind__in=[MessageKind.CUSTOMER, MessageKind.REPLY]):
        if message.kind == MessageKind.CUSTOMER:
            parts.append("## What the customer asked\n\n" + _quoted(message.body_text))
        else:
            parts.append("## What we answered\n\n" + message.body_text[:SHOWN])
    return {
        "title": ticket.subject[:200],
        "body": "\n\n".join(parts),
        "note": f"Drafted from ticket #{ticket.pk}",
    }


def macro_from_message(user, message_id) -> dict:
    """One of our public replies as a macro: the requester's first name becomes a placeholder."""
    try:
        pk = int(message_id)
    except (TypeError, ValueError):
        return {}
    tickets = visible_tickets(user, Ticket.objects.all())
    message = get_object_or_404(
        Message.objects.select_related("ticket__requester"),
        pk=pk,
        kind=MessageKind.REPLY,
        ticket__in=tickets,
    )
    body = message.body_text
    first = (message.ticket.requester.name or "").split(" ")[0]
    if first:
        body = body.replace(first, "{requester_first_name}")
    return {"name": message.ticket.subject[:120], "body": body}
