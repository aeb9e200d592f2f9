"""Integrations listen to the desk: whenever a ticket's bug link changes (the ticket page, a
reply that solves, the API, bulk changes), its BugLink follows."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import events_written, ticket_changed
from sunrelay.integrations import bugs


@receiver(ticket_changed, dispatch_uid="integrations-follow-bug-links")
def _follow_bug_link(sender, ticket, events: list[TicketEvent], at, **kwargs) -> None:
    if any(event.kind == EventKind.BUG_LINK for event in events):
        bugs.follow_link(ticket, at=at)


@receiver(events_written, dispatch_uid="integrations-follow-bulk-bug-links")
def _follow_bulk_bug_links(sender, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        if event.kind == EventKind.BUG_LINK:
            bugs.follow_link(event.ticket, at=event.at)
