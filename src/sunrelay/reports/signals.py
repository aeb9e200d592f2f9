"""Mark a ticket for recomputing its clocks whenever an event that moves them is logged."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from sunrelay.desk.models import TicketEvent
from sunrelay.desk.signals import events_written
from sunrelay.reports.refresh import DIRTY_KINDS, mark_dirty


@receiver(post_save, sender=TicketEvent, dispatch_uid="reports.mark_dirty")
def _event_logged(sender, instance: TicketEvent, created: bool, raw: bool = False, **kwargs):
    if created and not raw and instance.kind in DIRTY_KINDS:
        mark_dirty([instance.ticket_id])


@receiver(events_written, dispatch_uid="reports.mark_dirty_bulk")
def _events_written(sender, events: list[TicketEvent], **kwargs):
    ids = sorted({e.ticket_id for e in events if e.kind in DIRTY_KINDS})
    if ids:
        mark_dirty(ids)
