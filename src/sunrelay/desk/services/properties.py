"""Changing a ticket's properties (status, priority, level, assignee, cause, tags, ...).

The rules are desk.lifecycle's; this module applies them to the rows and writes the events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk import lifecycle
from sunrelay.desk.models import EventKind, Tag, Ticket, TicketEvent
from sunrelay.desk.services.events import changed, check_actor, record
from sunrelay.team.roles import works_tickets

EDITABLE_FIELDS = frozenset(
    {
        "account",
        "subject",
        "status",
        "priority",
        "level",
        "assignee",
        "cause",
        "bug_url",
        "interesting",
        "tags",
    }
)


def check_assignee(user) -> None:
    if user is not None and not (user.is_active and works_tickets(user)):
        raise ValidationError({"assignee": f"{user} cannot be assigned tickets (no support role)."})


def set_tags(ticket: Ticket, names: list[str]) -> None:
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name], _ = Tag.objects.get_or_create(name=name)
    ticket.tags.set([existing[n] for n in names])


def locked(ticket: Ticket) -> Ticket:
    """Re-read the ticket under a row lock; call inside a transaction."""
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def refresh(target: Ticket, source: Ticket) -> None:
    for field in Ticket._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def state_of(ticket: Ticket, *, with_tags: bool = False) -> lifecycle.TicketState:
    """The lifecycle's view of the row: ids for account and assignee."""
    return lifecycle.TicketState(
        subject=ticket.subject,
        status=ticket.status,
        solved_at=ticket.solved_at,
        priority=ticket.priority,
        level=ticket.level,
        cause=ticket.cause,
        bug_url=ticket.bug_url,
        interesting=ticket.interesting,
        account=ticket.account_id,
        assignee=ticket.assignee_id,
        tags=sorted(ticket.tags.values_list("name", flat=True)) if with_tags else None,
    )


def check_changes(ticket: Ticket, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate property changes without writing; returns them cleaned.

    Forms call this to show errors in place before update_ticket runs.
    """
    clean, errors = lifecycle.check_changes(state_of(ticket), changes)
    if "assignee" in clean:
        try:
            check_assignee(clean["assignee"])
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return clean


def _account_ref(account) -> dict | None:
    # Names kept in the event: the history reads as it was, whatever is renamed later.
    return {"id": account.pk, "name": account.name} if account is not None else None


def apply_changes(ticket: Ticket, actor, changes: dict[str, Any], now) -> list[TicketEvent]:
    """Validate and apply `changes` to a locked ticket in memory, saving their events.

    The caller saves the ticket."""
    clean = check_changes(ticket, changes)
    objects = {name: clean.pop(name) for name in ("account", "assignee") if name in clean}
    keys = {name: value.pk if value is not None else None for name, value in objects.items()}
    state = state_of(ticket, with_tags="tags" in clean)
    events: list[TicketEvent] = []
    for change in lifecycle.apply_changes(state, {**clean, **keys}, now):
        old, new = change.old, change.new
        if change.kind == EventKind.ACCOUNT:
            old, new = _account_ref(ticket.account), _account_ref(objects["account"])
        events.append(record(ticket, change.kind, at=now, actor=actor, old=old, new=new))
    for field in ("subject", "status", "solved_at", "priority", "level", "cause", "bug_url"):
        setattr(ticket, field, getattr(state, field))
    ticket.interesting = state.interesting
    for name, value in objects.items():
        if getattr(ticket, f"{name}_id") != (value.pk if value is not None else None):
            setattr(ticket, name, value)
    if "tags" in clean and any(e.kind == EventKind.TAGS for e in events):
        set_tags(ticket, state.tags)
    return events


@transaction.atomic
def update_ticket(
    ticket: Ticket, actor, at: datetime | None = None, **changes: Any
) -> list[TicketEvent]:
    """Change ticket properties; returns the events written (empty when nothing changed).

    Solving requires a cause (already set or given in the same call); closed tickets are
    final; a ticket is closed only once solved (desk.lifecycle).
    """
    check_actor(actor, ticket)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    row = locked(ticket)
    now = at or timezone.now()
    events = apply_changes(row, actor, changes, now)
    if events:
        row.updated_at = now
        row.save()
        changed(row, events, now)
    refresh(ticket, row)
    return events
