"""The worker side of paging: take one due run, do its next step, move it on.

A run is claimed through lib/leases.py, so two workers never work the same run at once, and a
run held by a worker that died is picked up again after SUNRELAY_PAGING_LEASE_SECONDS. Each
notification is recorded under a unique key (run, pass, step, target) in the same transaction
as its e-mail or webhook delivery, so re-running a step after a crash sends only what had not
been recorded; the step then moves on exactly once, by the claim that holds it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import UNSOLVED_STATUSES, EventKind
from sunrelay.lib import leases
from sunrelay.lib.formatting import person
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.paging import assignee, messages, services, tokens
from sunrelay.paging.models import (
    OPEN_STATES,
    Channel,
    EscalationStep,
    NotificationState,
    PagingNotification,
    PagingRun,
    RunState,
    StepKind,
    WebhookKind,
)
from sunrelay.schedule import oncall

logger = logging.getLogger("sunrelay.paging")


def lease() -> timedelta:
    return timedelta(seconds=settings.PAGING_LEASE_SECONDS)


def claim(now: datetime | None = None) -> tuple[PagingRun, str] | None:
    """Take one due run for this worker; None when nothing is due."""
    now = now or timezone.now()
    return leases.claim_one(
        PagingRun,
        Q(state__in=OPEN_STATES, next_at__lte=now),
        ("next_at", "id"),
        now=now,
        lease=lease(),
        related=("ticket__account", "policy"),
    )


def advance_one() -> bool:
    """Drain function: one step of one due run. True when another may be due."""
    claimed = claim()
    if claimed is None:
        return False
    run, token = claimed
    process(run, token, timezone.now())
    return True


def process(run: PagingRun, token: str, now: datetime) -> None:
    """Do the next step of a run this worker has claimed with `token`."""
    if run.ticket.status not in UNSOLVED_STATUSES:
        services.end(run, RunState.CANCELLED, "Paging stopped: the ticket was solved", now, token)
        return
    if run.state == RunState.PENDING:
        with transaction.atomic():
            # The conditional UPDATE both checks the claim and locks the row until commit.
            ours = PagingRun.objects.filter(pk=run.pk, claim_token=token, state=RunState.PENDING)
            if ours.update(claimed_at=now):
                services.start(run, desk.SYSTEM, now)
                _release(run, token)
        return
    steps = list(run.policy.steps.order_by("position", "id").select_related("rotation", "webhook"))
    index, pass_number = run.step_index, run.pass_number
    if index >= len(steps):
        notifies = any(s.kind != StepKind.WAIT for s in steps)
        if notifies and pass_number < run.policy.repeat_times:
            _move(run, token, step_index=0, pass_number=pass_number + 1, next_at=now)
        else:
            times = pass_number + 1
            why = f"Nobody acknowledged after {times} pass{'es' if times > 1 else ''} of {run.policy.name}"
            services.end(run, RunState.EXHAUSTED, why, now, token)
        return
    step = steps[index]
    if step.kind == StepKind.WAIT:
        _move(run, token, step_index=index + 1, next_at=now + timedelta(minutes=step.wait_minutes))
        return
    for target in targets(step, now):
        if not notify(run, token, index, pass_number, target, now):
            return  # acknowledged or ended meanwhile
    _move(run, token, step_index=index + 1, next_at=now)


def _move(run: PagingRun, token: str, **changes) -> bool:
    moved = leases.release(
        PagingRun.objects.filter(pk=run.pk, state=RunState.ACTIVE), token, **changes
    )
    if not moved:
        logger.info("Paging run %s changed under this worker; leaving it", run.pk)
    return bool(moved)


def _release(run: PagingRun, token: str) -> None:
    leases.release(PagingRun.objects.filter(pk=run.pk), token)


@dataclass(frozen=True)
class Target:
    channel: str
    key: str
    label: str
    user: object | None = None
    webhook: object | None = None


def targets(step: EscalationStep, now: datetime) -> list[Target]:
    if step.kind == StepKind.NOTIFY_WEBHOOK:
        hook = step.webhook
        if hook is None or not hook.active:
            return [Target(Channel.NONE, "nobody", "no active webhook")]
        return [Target(hook.kind, f"webhook{hook.pk}", hook.name, webhook=hook)]
    if step.kind == StepKind.NOTIFY_ON_CALL:
        from django.contrib.auth import get_user_model

        person = oncall.person_on_call(step.rotation, now) if step.rotation else None
        user = (
            get_user_model().objects.filter(pk=person, is_active=True).first() if person else None
        )
        if user is None:
            return [Target(Channel.NONE, "nobody", f"nobody on call in {step.rotation}")]
        return [Target(Channel.EMAIL, f"user{user.pk}", _label(user), user=user)]
    people = [u for u in step.people.order_by("id") if u.is_active]
    if not people:
        return [Target(Channel.NONE, "nobody", "no active person named")]
    return [Target(Channel.EMAIL, f"user{u.pk}", _label(u), user=u) for u in people]


def _label(user) -> str:
    name = person(user)
    return f"{name} <{user.email}>" if user.email else name


def notify(run, token: str, index: int, pass_number: int, target: Target, now: datetime) -> bool:
    """Record and send one notification unless already recorded. False: the run is over or
    no longer claimed by `token` (this worker outlived its lease and another took over)."""
    key = f"run{run.pk}/pass{pass_number}/step{index}/{target.channel}:{target.key}"
    with transaction.atomic():
        ours = PagingRun.objects.filter(pk=run.pk, state=RunState.ACTIVE, claim_token=token)
        if not ours.exists():
            return False
        if PagingNotification.objects.filter(key=key).exists():
            return True  # done before a crash, or by a twin whose claim expired
        try:
            with transaction.atomic():
                note = PagingNotification.objects.create(
                    run=run,
                    key=key,
                    pass_number=pass_number,
                    step_index=index,
                    channel=target.channel,
                    user=target.user,
                    webhook=target.webhook,
                    target=target.label[:300],
                    state=NotificationState.QUEUED,
                    created_at=now,
                    next_attempt_at=now,
                )
        except IntegrityError:
            return True
        _send(run, note, target, index, pass_number, now)
        if target.user is not None:
            assignee.tell(run, target.user, index, pass_number, now)
    return True


def _send(run, note: PagingNotification, target: Target, index, pass_number, now) -> None:
    user_id = target.user.pk if target.user is not None else None
    ack_url = tokens.url(run.pk, user_id)
    if target.channel == Channel.NONE:
        note.state = NotificationState.SKIPPED
        note.save(update_fields=["state"])
        summary = f"Could not notify: {target.label}"
    elif target.channel == Channel.EMAIL:
        subject, text, html = messages.email(run, ack_url, repeat=pass_number)
        note.outbox = enqueue_mail(
            OutboxKind.NOTIFICATION, to=[target.user.email], subject=subject, text=text,
            html=html, ticket=run.ticket,
        )  # fmt: skip
        note.state = NotificationState.SENT if note.outbox else NotificationState.SKIPPED
        note.sent_at = now
        note.save(update_fields=["outbox", "state", "sent_at"])
        summary = f"Paged {target.label} by e-mail"
    else:
        if target.webhook.kind == WebhookKind.SLACK:
            note.payload = messages.slack(run, ack_url, repeat=pass_number)
        else:
            note.payload = messages.document(run, ack_url, repeat=pass_number, step=index, at=now)
        note.save(update_fields=["payload"])
        summary = f"Posting the page to {target.label}"  # the worker sends it (paging.webhooks)
    desk.record_event(
        run.ticket,
        EventKind.NOTIFIED,
        at=now,
        new={
            "run": run.pk,
            "notification": note.pk,
            "channel": note.channel,
            "target": note.target,
            "summary": summary,
        },
    )
