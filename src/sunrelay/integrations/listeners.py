"""Integrations listen to the desk: whenever a ticket's bug link changes (the ticket page, a
reply that solves, the API, bulk changes), its BugLink follows; the ticket events outgoing
webhooks subscribe to (created, replied, status, assigned, SLA warning and breach, hand-off)
are queued for them in the same transaction."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import events_written, ticket_changed
from sunrelay.integrations import bugs, outgoing
from sunrelay.sla.signals import breached, warned


@receiver(ticket_changed, dispatch_uid="integrations-ticket-events")
def _ticket_changed(sender, ticket, events: list[TicketEvent], at, **kwargs) -> None:
    if any(event.kind == EventKind.BUG_LINK for event in events):
        bugs.follow_link(ticket, at=at)
    outgoing.enqueue(events)


@receiver(events_written, dispatch_uid="integrations-bulk-events")
def _events_written(sender, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        if event.kind == EventKind.BUG_LINK:
            bugs.follow_link(event.ticket, at=event.at)
    outgoing.enqueue(events)


# SLA warnings and breaches are logged by the SLA app without the desk's signals.
@receiver(breached, dispatch_uid="integrations-sla-breach")
@receiver(warned, dispatch_uid="integrations-sla-warning")
def _sla_event(sender, ticket, event: TicketEvent | None = None, **kwargs) -> None:
    if event is not None:
        outgoing.enqueue([event])
