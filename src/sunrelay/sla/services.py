"""Rebuild a ticket's SLA state from its event log and log warnings and breaches once.

Called after every change to a ticket that moves its clocks (sla.listeners), by the worker when a warning or a
deadline comes due, and by `sunrelay sla recompute` after a policy or calendar change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sunrelay.desk.models import UNSOLVED_STATUSES, EventKind, Ticket, TicketEvent
from sunrelay.sla import config as sla_config
from sunrelay.sla.clock import PAUSED_STATUSES, Happening, Measure, Metric, State, Target, measure
from sunrelay.sla.models import TicketSla, TicketUrgency
from sunrelay.sla.signals import breached, warned
from sunrelay.sla.urgency import urgency

_HAPPENING_KIND = {
    EventKind.CREATED: "created",
    EventKind.RECEIVED: "customer",
    EventKind.REPLIED: "reply",
    EventKind.STATUS: "status",
}


def history_of(events: Iterable[TicketEvent]) -> list[Happening]:
    """The SLA-relevant part of an event log, in order."""
    result = []
    for event in sorted(events, key=lambda e: (e.at, e.pk)):
        kind = _HAPPENING_KIND.get(event.kind)
        if kind == "created":
            result.append(Happening(event.at, kind, (event.new or {}).get("status", "new")))
        elif kind == "status":
            result.append(Happening(event.at, kind, event.new))
        elif kind:
            result.append(Happening(event.at, kind))
    return result


def _warn_at(calendar, measured, warn_share: float, now: datetime):
    """When the running clock reaches the warning share (None if not running or past)."""
    if measured.state is not State.OK or measured.deadline is None:
        return None
    left_until_warning = warn_share * measured.target_minutes - measured.elapsed_minutes
    return calendar.add(now, max(left_until_warning, 0))


def measure_policy(
    history: list[Happening], policy, config, account_calendar_id: int | None, now: datetime
) -> list[tuple[Target, Measure, datetime | None]]:
    """Each target of `policy` that applies to `history` at `now`: (target, its measure, when
    its warning is due). Pure: recompute stores these; bench/deskrows.py generates them."""
    if policy is None or not history:
        return []
    calendar_id = policy.calendar_id_for(account_calendar_id)
    result = []
    for target in policy.targets:
        calendar = config.calendar(calendar_id, target.business)
        measured = measure(history, target, calendar, now, policy.warn_share)
        if measured is not None:
            result.append((target, measured, _warn_at(calendar, measured, policy.warn_share, now)))
    return result


def next_running(rows, status: str) -> tuple[object | None, bool]:
    """Of the targets (objects with metric, state, deadline, stopped_at) of a ticket in
    `status`: the running one due first, or None, and whether the ticket's clocks are paused.
    Only a clock that runs now gives a deadline: a target met late keeps its breach time as
    deadline, and a breached clock of a ticket waiting on the customer is paused; neither is
    due next."""
    paused = status in PAUSED_STATUSES
    running = [
        r
        for r in rows
        if not paused
        and r.state in (State.OK, State.WARNING, State.BREACHED)
        and r.deadline
        and r.stopped_at is None
    ]
    return (min(running, key=lambda r: r.deadline) if running else None), paused


def next_reply_minutes(policy) -> int | None:
    """The next-reply target of `policy` in minutes, if it has one (urgency's idle base)."""
    targets = policy.targets if policy is not None else ()
    return next((t.minutes for t in targets if t.metric is Metric.NEXT_REPLY), None)


@transaction.atomic
def recompute(ticket: Ticket, now: datetime | None = None, config=None) -> list[TicketSla]:
    """Rebuild the ticket's TicketSla rows and urgency; write warning/breach events once."""
    now = now or timezone.now()
    config = config or sla_config.current()
    # The row lock makes two workers checking the same ticket take turns, so each
    # warning and breach is logged once.
    ticket = (
        Ticket.objects.select_for_update(of=("self",)).select_related("account").get(pk=ticket.pk)
    )
    events = list(ticket.events.filter(kind__in=list(_HAPPENING_KIND)))
    history = history_of(events)
    account = ticket.account
    policy = config.policy_for(
        tier=account.tier if account else "",
        priority=ticket.priority,
        channel=ticket.channel,
        tags=set(ticket.tags.values_list("name", flat=True)),
    )
    existing = {row.metric: row for row in TicketSla.objects.filter(ticket=ticket)}
    kept: list[TicketSla] = []
    account_calendar = getattr(account, "business_calendar_id", None)
    for target, measured, warn_at in measure_policy(history, policy, config, account_calendar, now):
        row = existing.pop(target.metric.value, None) or TicketSla(
            ticket=ticket, metric=target.metric.value
        )
        row.policy_id = policy.id
        row.state = measured.state.value
        row.target_minutes = target.minutes
        row.business = target.business
        row.elapsed_minutes = measured.elapsed_minutes
        row.started_at = measured.started_at
        row.deadline = measured.deadline
        row.warn_at = warn_at
        row.stopped_at = measured.stopped_at
        row.breached_at = measured.breached_at
        row.computed_at = now
        _log_once(ticket, row, measured, now)
        row.save()
        kept.append(row)
    TicketSla.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    _store_urgency(ticket, kept, config.version, next_reply_minutes(policy))
    return kept


def _log_once(ticket, row: TicketSla, measured, now: datetime) -> None:
    cycle = measured.started_at
    data = {
        "metric": row.metric,
        "target_minutes": row.target_minutes,
        "cycle_start": cycle.isoformat(),
    }
    if measured.state is State.WARNING and row.warned_cycle != cycle:
        event = TicketEvent.objects.create(
            ticket=ticket, kind=EventKind.SLA_WARNING, at=now, new=data
        )
        row.warned_cycle = cycle
        warned.send(sender=TicketSla, ticket=ticket, metric=row.metric, event=event, now=now)
    if measured.breached_at is not None and row.breached_cycle != cycle:
        event = TicketEvent.objects.create(
            ticket=ticket, kind=EventKind.SLA_BREACHED, at=measured.breached_at, new=data
        )
        row.breached_cycle = cycle
        breached.send(
            sender=TicketSla,
            ticket=ticket,
            metric=row.metric,
            breached_at=measured.breached_at,
            now=now,
            event=event,
        )


def _store_urgency(
    ticket: Ticket, rows: list[TicketSla], version: str, next_reply_minutes: int | None
) -> None:
    """The ticket's place in "most urgent first" (sunrelay.sla.urgency), from next_running."""
    first, paused = next_running(rows, ticket.status)
    account = ticket.account
    key, reasons = urgency(
        next_deadline=first.deadline if first else None,
        next_metric=first.metric if first else "",
        paused=paused,
        created_at=ticket.created_at,
        priority=ticket.priority,
        tier=account.tier if account else None,
        strategic=bool(account and account.strategic),
        mrr=float(account.mrr) if account else 0.0,
        next_reply_minutes=next_reply_minutes,
    )
    TicketUrgency.objects.update_or_create(
        ticket=ticket,
        defaults={
            "urgency_at": key,
            "next_deadline": first.deadline if first else None,
            "next_metric": first.metric if first else "",
            "reasons": reasons,
            "config_version": version,
        },
    )


def check_one_due(now: datetime | None = None) -> bool:
    """Worker drain: recompute one ticket whose warning or deadline has come due.

    A row is due when its warning or deadline time has come since it was last computed, so a
    recompute always takes it out of the queue: one row can never be picked on every pass
    and starve the others, whatever it says afterwards. Returns True when one was processed
    (more may be waiting).
    """
    now = now or timezone.now()
    due = (
        TicketSla.objects.filter(ticket__status__in=UNSOLVED_STATUSES)
        .filter(
            Q(state=State.OK, warn_at__lte=now, computed_at__lt=F("warn_at"))
            | Q(
                state__in=[State.OK, State.WARNING],
                deadline__lte=now,
                computed_at__lt=F("deadline"),
            )
        )
        .values_list("ticket_id", flat=True)
        .first()
    )
    if due is None:
        return False
    recompute(Ticket(pk=due), now)
    return True


def mark_stale(ticket_ids: list[int]) -> None:
    """Leave these tickets' SLA to the worker (refresh_one_stale), as after a bulk import.

    Tickets never computed are stale already; the others keep their figures until then."""
    TicketUrgency.objects.filter(ticket_id__in=ticket_ids).exclude(config_version="").update(
        config_version=""
    )


def mark_account_stale(account_id: int) -> None:
    """An account's tier, MRR, strategic flag or calendar changed: its unsolved tickets'
    clocks and places in the queue are left to the worker (refresh_one_stale)."""
    TicketUrgency.objects.filter(
        ticket__account_id=account_id, ticket__status__in=UNSOLVED_STATUSES
    ).exclude(config_version="").update(config_version="")


def refresh_one_stale(now: datetime | None = None) -> bool:
    """Worker drain: recompute one unsolved ticket computed under an older configuration
    (or never computed, as after a bulk import). Returns True when one was processed."""
    config = sla_config.current()
    stale = (
        Ticket.objects.filter(status__in=UNSOLVED_STATUSES)
        .exclude(urgency__config_version=config.version)
        .values_list("pk", flat=True)
        .first()
    )
    if stale is None:
        return False
    recompute(Ticket(pk=stale), now, config)
    return True
