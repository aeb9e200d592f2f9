"""What pages without an agent, heard from the desk and the SLA clocks (see paging.rules)."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import events_written, ticket_changed
from sunrelay.paging import rules
from sunrelay.sla.signals import breached


def _customer_wrote(event: TicketEvent) -> bool:
    # A ticket opened by staff on the customer's behalf has an actor and no contact. (The
    # object, not its id: a contact new in an import batch gets its id only when written.)
    return event.kind == EventKind.RECEIVED or (
        event.kind == EventKind.CREATED and event.actor_contact is not None
    )


@receiver(ticket_changed, dispatch_uid="paging.customer_message")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        if _customer_wrote(event):
            rules.consider_message(ticket, event.message)


@receiver(events_written, dispatch_uid="paging.customer_message_bulk")
def _events_written(sender, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        if _customer_wrote(event):
            rules.consider_message(event.ticket, event.message)


@receiver(breached, dispatch_uid="paging.sla_breach")
def _breached(sender, ticket, metric: str, breached_at, now, **kwargs) -> None:
    rules.consider_breach(ticket, metric, breached_at, now)
