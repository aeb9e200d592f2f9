"""The SLA clocks follow the desk: a change that moves them recomputes the ticket at once, a
bulk import leaves its tickets to the worker (services.refresh_one_stale), and so does a
change to an account (its tier, MRR, strategic flag or calendar)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from sunrelay.accounts.models import Account
from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import events_written, ticket_changed
from sunrelay.sla import services

# What the clocks, the policy (tier, priority, channel, tags) and the queue order read.
CLOCK_KINDS = frozenset(
    {
        EventKind.CREATED,
        EventKind.RECEIVED,
        EventKind.REPLIED,
        EventKind.STATUS,
        EventKind.PRIORITY,
        EventKind.ACCOUNT,
        EventKind.TAGS,
    }
)


@receiver(ticket_changed, dispatch_uid="sla.recompute")
def _ticket_changed(sender, ticket, events: list[TicketEvent], at, **kwargs) -> None:
    if any(e.kind in CLOCK_KINDS for e in events):
        services.recompute(ticket, at)


@receiver(events_written, dispatch_uid="sla.mark_stale")
def _events_written(sender, events: list[TicketEvent], **kwargs) -> None:
    # One recompute per ticket costs more than importing its message: the worker does it.
    services.mark_stale(sorted({e.ticket_id for e in events if e.kind in CLOCK_KINDS}))


@receiver(post_save, sender=Account, dispatch_uid="sla.account_saved")
def _account_saved(sender, instance: Account, raw: bool = False, created: bool = False, **kwargs):
    if not raw and not created:
        services.mark_account_stale(instance.pk)
