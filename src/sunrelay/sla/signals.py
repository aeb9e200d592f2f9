"""The SLA app's own signal, and the configuration's version.

breached: sent inside the recompute's transaction when a breach is logged, once per target
  and cycle. Receivers get `ticket`, `metric`, `breached_at` (the deadline) and `now` (the
  time of the check) and `event` (the SLA_BREACHED TicketEvent); paging listens.
warned: sent the same way when a warning is logged, with `ticket`, `metric`, `event` (the
  SLA_WARNING TicketEvent) and `now`; outgoing webhooks listen.

Any saved or deleted calendar, interval, holiday, policy or target changes the SLA
configuration's version (sla.config.changed)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from sunrelay.sla import config
from sunrelay.sla.models import Calendar, CalendarInterval, Holiday, Policy, Target

breached = Signal()
warned = Signal()


def _changed(sender, raw: bool = False, **kwargs) -> None:
    if not raw:
        config.changed()


for model in (Calendar, CalendarInterval, Holiday, Policy, Target):
    post_save.connect(_changed, sender=model, dispatch_uid=f"sla.changed.{model.__name__}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"sla.changed.{model.__name__}.del")
