"""A public reply is e-mailed: queued in the reply's own transaction, so the reply and its
e-mail commit together or not at all (mail.outbox sends it)."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.mail.outbox import enqueue_reply


@receiver(ticket_changed, dispatch_uid="mail.enqueue_reply")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        # A reply already published elsewhere (an answer on a Q&A site) is not e-mailed.
        if event.kind == EventKind.REPLIED and not (event.new or {}).get("posted_on"):
            enqueue_reply(event.message)
