"""A ticket solved as a feature request becomes a feedback item, quoting the customer's first
message: the desk's ticket_changed, heard inside the solve's transaction (once per ticket).

Bulk imports (desk.signals.events_written) are history and are not captured."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import Cause, EventKind, Status, TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.feedback.services import capture_solved_request


@receiver(ticket_changed, dispatch_uid="feedback.capture_solved_request")
def _ticket_changed(sender, ticket, events: list[TicketEvent], at=None, **kwargs) -> None:
    if ticket.cause != Cause.FEATURE_REQUEST:
        return
    for event in events:
        if event.kind == EventKind.STATUS and event.new == Status.SOLVED:
            capture_solved_request(ticket, at or event.created_at)
            return
