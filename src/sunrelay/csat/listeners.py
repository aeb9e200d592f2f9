"""A survey for every solve: the desk's ticket_changed, heard inside the solve's transaction.

Bulk imports (desk.signals.events_written) are history: their solves are not surveyed.
"""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.csat.services import open_survey
from sunrelay.desk.models import EventKind, Status, TicketEvent
from sunrelay.desk.signals import ticket_changed


@receiver(ticket_changed, dispatch_uid="csat.open_survey")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        if event.kind == EventKind.STATUS and event.new == Status.SOLVED:
            open_survey(ticket, event)
