"""Notifications heard from the desk's changes and the SLA clocks (notify.rules decides).

Bulk imports (desk.signals.events_written) tell nobody: they record mail that was already
read elsewhere.
"""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.notify import inbox, rules
from sunrelay.sla.signals import breached


@receiver(ticket_changed, dispatch_uid="notify.ticket_changed")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        for draft in rules.drafts_for(ticket, event):
            if draft.recipient is not None:
                inbox.deliver(ticket, draft, at=event.at)


@receiver(breached, dispatch_uid="notify.sla_breach")
def _breached(sender, ticket, metric: str, breached_at, now, **kwargs) -> None:
    draft = rules.breach_draft(ticket, metric, breached_at)
    if draft is not None:
        inbox.deliver(ticket, draft, at=now)
