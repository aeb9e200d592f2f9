"""Setting up paging: escalation policies with their steps, and the webhooks pages are posted
to. Every write to them happens here; paging itself is paging.services' and paging.steps'.

Support leads set them up; everyone with a role reads them. Rule violations raise
ValidationError per field, access PermissionDenied. A run already paging reads its policy's
steps as they are when each step comes due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sunrelay.lib.formatting import person
from sunrelay.paging.models import EscalationPolicy, EscalationStep, StepKind, Webhook, new_secret
from sunrelay.team.roles import is_lead, works_tickets


@dataclass(frozen=True)
class Step:
    """One step of a policy: whom it notifies, or how long it waits."""

    kind: str
    rotation: object = None
    people: tuple = field(default_factory=tuple)
    webhook: Webhook | None = None
    wait_minutes: int = 0


def can_set_up(user) -> bool:
    return is_lead(user)


def check_can_set_up(user) -> None:
    if not can_set_up(user):
        raise PermissionDenied("Only a support lead sets up escalation policies and webhooks.")


def _clean(row, errors: dict, exclude=()) -> None:
    try:
        row.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)


def _unique_name(model, row, errors: dict) -> None:
    taken = model.objects.filter(name__iexact=row.name).exclude(pk=row.pk)
    if row.name and taken.exists():
        errors.setdefault("name", []).append(f"There is already one named {row.name}.")


def step_problem(step: Step) -> str | None:
    """What a step lacks to do anything, in words; None when it is complete."""
    if step.kind not in StepKind.values:
        return f"{step.kind!r} is not a kind of step."
    if step.kind == StepKind.NOTIFY_ON_CALL and step.rotation is None:
        return "Pick the rotation whose person on call is notified."
    if step.kind == StepKind.NOTIFY_PEOPLE:
        if not step.people:
            return "Pick the people to notify."
        gone = [person(u) for u in step.people if not (u.is_active and works_tickets(u))]
        if gone:
            return f"{', '.join(gone)} cannot be paged: only active support staff are."
    if step.kind == StepKind.NOTIFY_WEBHOOK and step.webhook is None:
        return "Pick the webhook to post to."
    if step.kind == StepKind.WAIT and (step.wait_minutes or 0) < 1:
        return "Say how many minutes to wait (1 or more)."
    return None


@transaction.atomic
def save_policy(
    actor,
    policy: EscalationPolicy | None,
    *,
    name: str,
    steps: Iterable[Step],
    description: str = "",
    repeat_times: int = 0,
    is_default: bool = False,
) -> EscalationPolicy:
    """Create (policy None) or change a policy; `steps` replace its steps, in order. The
    default policy pages when nobody picks one: making this one the default unmarks the other."""
    check_can_set_up(actor)
    row = policy or EscalationPolicy()
    row.name, row.description = (name or "").strip(), (description or "").strip()
    row.repeat_times, row.is_default = repeat_times, bool(is_default)
    errors: dict = {}
    _clean(row, errors, exclude=["created_at"])
    _unique_name(EscalationPolicy, row, errors)
    steps = list(steps)
    if not any(s.kind != StepKind.WAIT for s in steps):
        errors.setdefault("steps", []).append("A policy needs a step that notifies someone.")
    for number, step in enumerate(steps, start=1):
        problem = step_problem(step)
        if problem:
            errors.setdefault("steps", []).append(f"Step {number}: {problem}")
    if errors:
        raise ValidationError(errors)
    if row.is_default:
        EscalationPolicy.objects.exclude(pk=row.pk).filter(is_default=True).update(is_default=False)
    row.save()
    row.steps.all().delete()
    for position, step in enumerate(steps):
        saved = EscalationStep.objects.create(
            policy=row,
            position=position,
            kind=step.kind,
            rotation=step.rotation if step.kind == StepKind.NOTIFY_ON_CALL else None,
            webhook=step.webhook if step.kind == StepKind.NOTIFY_WEBHOOK else None,
            wait_minutes=step.wait_minutes if step.kind == StepKind.WAIT else 0,
        )
        if step.kind == StepKind.NOTIFY_PEOPLE:
            saved.people.set(step.people)
    return row


@transaction.atomic
def save_webhook(
    actor, webhook: Webhook | None, *, name: str, kind: str, url: str, active: bool = True
) -> Webhook:
    """Create (webhook None: with a fresh secret) or change a webhook; only http(s) URLs."""
    check_can_set_up(actor)
    row = webhook or Webhook()
    row.name, row.kind, row.url, row.active = (
        (name or "").strip(),
        kind,
        (url or "").strip(),
        active,
    )
    errors: dict = {}
    _clean(row, errors, exclude=["created_at", "secret"])
    _unique_name(Webhook, row, errors)
    if row.url and not row.url.lower().startswith(("https://", "http://")):
        errors.setdefault("url", []).append("Give an http(s) address.")
    if errors:
        raise ValidationError(errors)
    row.save()
    return row


@transaction.atomic
def new_webhook_secret(actor, webhook: Webhook) -> Webhook:
    """A fresh signing secret for a JSON webhook: its receiver must take the new one."""
    check_can_set_up(actor)
    webhook.secret = new_secret()
    webhook.save(update_fields=["secret"])
    return webhook


@transaction.atomic
def delete_webhook(actor, webhook: Webhook) -> None:
    check_can_set_up(actor)
    used = EscalationStep.objects.filter(webhook=webhook).select_related("policy").first()
    if used is not None:
        raise ValidationError(
            f"{used.policy.name} posts to {webhook.name}: change that policy first, or switch "
            "the webhook off."
        )
    webhook.delete()
