"""Paging: making a ticket urgent and starting its escalation policy, and acknowledging it.

A page comes from an agent's decision (with a reason), the API, or a rule (paging.rules);
nothing else pages. Rules only record a pending run; the worker starts it (paging.steps), so
a rule firing inside another write (an SLA recompute, mail intake) changes nothing there.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import UNSOLVED_STATUSES, EventKind, Priority, Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.lib.formatting import person
from sunrelay.paging.models import (
    OPEN_STATES,
    AckVia,
    EscalationPolicy,
    PagingRun,
    RunState,
    Source,
)

logger = logging.getLogger("sunrelay.paging")

# A rule does not page a ticket paged this recently again (agents and the API may).
RULE_QUIET_PERIOD = timedelta(hours=24)
MAX_REASON = 500


def default_policy() -> EscalationPolicy | None:
    return (
        EscalationPolicy.objects.filter(is_default=True).order_by("id").first()
        or EscalationPolicy.objects.order_by("id").first()
    )


def open_run(ticket: Ticket) -> PagingRun | None:
    return PagingRun.objects.filter(ticket=ticket, state__in=OPEN_STATES).first()


def _name(user) -> str:
    if user is None or user is desk.SYSTEM:
        return "Sunrelay"
    return person(user)


@transaction.atomic
def page(
    ticket: Ticket,
    actor,
    reason: str,
    *,
    source: str = Source.AGENT,
    policy: EscalationPolicy | None = None,
    now: datetime | None = None,
) -> PagingRun:
    """Mark `ticket` urgent and page through `policy` (the default one when not given)."""
    if actor is not desk.SYSTEM:
        check_can_work(actor, ticket)
    now = now or timezone.now()
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this is urgent: paging interrupts someone."})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"The reason is longer than {MAX_REASON} characters."})
    if ticket.status not in UNSOLVED_STATUSES:
        raise ValidationError({"status": "Only unsolved tickets are paged."})
    policy = policy or default_policy()
    if policy is None:
        raise ValidationError({"policy": "There is no escalation policy; a lead creates one."})
    running = open_run(ticket)
    if running is not None:
        raise ValidationError({"reason": f"This ticket is already being paged (#{running.pk})."})
    run = PagingRun.objects.create(
        ticket=ticket,
        policy=policy,
        source=source,
        reason=reason,
        paged_by=None if actor is desk.SYSTEM else actor,
        created_at=now,
        next_at=now,
    )
    start(run, actor, now)
    return run


def start(run: PagingRun, actor, now: datetime) -> None:
    """Make the ticket urgent, log the page and let the worker take the first step.
    Call inside a transaction."""
    ticket = run.ticket
    if ticket.priority != Priority.URGENT:
        desk.update_ticket(ticket, actor, at=now, priority=Priority.URGENT)
    desk.record_event(
        ticket,
        EventKind.PAGED,
        actor=actor,
        at=now,
        new={
            "run": run.pk,
            "policy": run.policy.name,
            "source": run.source,
            "reason": run.reason,
            "summary": f"{run.reason} ({Source(run.source).label.lower()}; {run.policy.name})",
        },
    )
    PagingRun.objects.filter(pk=run.pk).update(state=RunState.ACTIVE, started_at=now, next_at=now)
    run.state, run.started_at, run.next_at = RunState.ACTIVE, now, now


def request(ticket: Ticket, source: str, reason: str, now: datetime) -> PagingRun | None:
    """A rule asks for a page: record a pending run unless the ticket is being (or was
    lately) paged. Writes nothing to the ticket itself."""
    recent = (
        PagingRun.objects.filter(ticket=ticket).filter(state__in=OPEN_STATES).exists()
        or PagingRun.objects.filter(ticket=ticket, created_at__gte=now - RULE_QUIET_PERIOD).exists()
    )
    if recent:
        return None
    policy = default_policy()
    if policy is None:
        logger.warning(
            "Ticket %s should page (%s) but there is no escalation policy", ticket.pk, reason
        )
        return None
    try:
        with transaction.atomic():
            return PagingRun.objects.create(
                ticket=ticket,
                policy=policy,
                source=source,
                reason=reason[:MAX_REASON],
                created_at=now,
                next_at=now,
            )
    except IntegrityError:  # a twin request won: one open run per ticket
        return None


@transaction.atomic
def acknowledge(run: PagingRun, user, via: str, now: datetime | None = None) -> bool:
    """Stop the run: someone is on it. False when it had already stopped. `user` is None
    for a chat link, which names nobody."""
    now = now or timezone.now()
    done = PagingRun.objects.filter(pk=run.pk, state__in=OPEN_STATES).update(
        state=RunState.ACKNOWLEDGED,
        acknowledged_at=now,
        acknowledged_by=user,
        acknowledged_via=via,
        ended_at=now,
        claimed_at=None,
        claim_token="",
    )
    if not done:
        return False
    who = _name(user) if user is not None else "Someone with the chat link"
    desk.record_event(
        run.ticket,
        EventKind.ACKNOWLEDGED,
        actor=user or desk.SYSTEM,
        at=now,
        new={
            "run": run.pk,
            "via": via,
            "summary": f"{who} acknowledged the page from {AckVia(via).label}",
        },
    )
    run.refresh_from_db()
    return True


def acknowledge_ticket(ticket: Ticket, actor, via: str, now: datetime | None = None) -> PagingRun:
    """Acknowledge the ticket's open run (ticket page, API)."""
    check_can_work(actor, ticket)
    run = open_run(ticket)
    if run is None or not acknowledge(run, actor, via, now):
        raise ValidationError({"run": "Nobody is being paged for this ticket."})
    return run


def end(run: PagingRun, state: str, why: str, now: datetime, token: str | None = None) -> bool:
    """Close an open run as exhausted or cancelled; with `token`, only if still claimed by it."""
    rows = PagingRun.objects.filter(pk=run.pk, state__in=OPEN_STATES)
    if token is not None:
        rows = rows.filter(claim_token=token)
    with transaction.atomic():
        if not rows.update(state=state, ended_at=now, claimed_at=None, claim_token=""):
            return False
        desk.record_event(
            run.ticket,
            EventKind.PAGING_ENDED,
            at=now,
            new={"run": run.pk, "outcome": state, "summary": why},
        )
    return True
