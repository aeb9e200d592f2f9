"""One change made to many tickets at once (the queue's checkboxes, POST /tickets/bulk).

The contract:
- Each ticket is changed by update_ticket in a transaction of its own: every rule of
  desk.lifecycle holds for each, each change writes its events on its ticket, and a ticket
  that refuses (closed, no cause to solve with) is reported with its reason while the others
  are changed. One refusal never undoes the rest.
- Tickets the actor may not see are reported as not found, never confirmed to exist; when
  the actor sees none of them, NoSuchTickets is raised (the API's 404).
- Whether the actor may change tickets at all (PermissionDenied), and what is wrong with the
  change itself (an unknown person, a tag too long, nothing to change, too many tickets:
  ValidationError), is decided once, before any ticket is touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk.lifecycle import normalize_tags
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.desk.services.bulk_words import summary
from sunrelay.desk.services.properties import check_assignee, locked, update_ticket

# One queue page is 50 tickets; a script may send more, in batches of this many.
MAX_TICKETS = 200


class Unchanged:
    """The assignee is left as it is (None means nobody)."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = Unchanged()


class NoSuchTickets(ObjectDoesNotExist):
    """None of the tickets exists, or the actor may see none of them."""


@dataclass(frozen=True)
class BulkChanges:
    """What to change on every ticket; None (UNCHANGED for the assignee) leaves a field as it
    is. `assignee_id` None unassigns."""

    assignee_id: Any = UNCHANGED
    status: str | None = None
    priority: str | None = None
    level: str | None = None
    cause: str | None = None
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()

    def is_empty(self) -> bool:
        fields = (self.status, self.priority, self.level, self.cause)
        return (
            self.assignee_id is UNCHANGED
            and all(v is None for v in fields)
            and not self.add_tags
            and not self.remove_tags
        )


@dataclass(frozen=True)
class TicketResult:
    ticket_id: int
    outcome: str  # changed | unchanged | refused | not_found
    changed: tuple[str, ...] = ()  # the kinds of the events written, in order
    reason: str = ""


@dataclass
class BulkOutcome:
    changes: BulkChanges
    assignee: Any  # the user assigned (None: nobody), or UNCHANGED
    actor: Any
    results: list[TicketResult] = field(default_factory=list)

    def assigns(self) -> bool:
        return self.assignee is not UNCHANGED

    @property
    def complete(self) -> bool:
        """Every ticket was changed or already so."""
        return all(r.outcome in ("changed", "unchanged") for r in self.results)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def summary(self) -> str:
        """What happened in one sentence: "12 tickets assigned to Keisha Thompson; #123
        refused: the ticket is closed; …"."""
        return summary(self)


def _assignee(changes: BulkChanges):
    if changes.assignee_id is UNCHANGED or changes.assignee_id is None:
        return changes.assignee_id
    user = get_user_model().objects.filter(pk=changes.assignee_id).first()
    if user is None:
        raise ValidationError({"assignee": f"There is no user with id {changes.assignee_id}."})
    check_assignee(user)
    return user


def _tags(changes: BulkChanges) -> tuple[list[str], list[str]]:
    add = normalize_tags(changes.add_tags)
    remove = normalize_tags(changes.remove_tags)
    both = sorted(set(add) & set(remove))
    if both:
        raise ValidationError({"tags": f"Tag {', '.join(both)} is both added and removed."})
    return add, remove


def _check(changes: BulkChanges, ids: list[int]) -> None:
    if not ids:
        raise ValidationError({"ids": "Select at least one ticket."})
    if len(ids) > MAX_TICKETS:
        raise ValidationError(
            {"ids": f"At most {MAX_TICKETS} tickets at once; {len(ids)} were given."}
        )
    if changes.is_empty():
        raise ValidationError(
            "Choose a change to make: assignee, status, priority, level, cause or tags."
        )


def _change_one(ticket: Ticket, actor, values: dict, tags, now: datetime) -> TicketResult:
    add, remove = tags
    try:
        with transaction.atomic():
            row = locked(ticket)
            kwargs = dict(values)
            if add or remove:
                current = set(row.tags.values_list("name", flat=True))
                wanted = (current | set(add)) - set(remove)
                if wanted != current:
                    kwargs["tags"] = sorted(wanted)
            events = update_ticket(row, actor, at=now, **kwargs) if kwargs else []
    except (ValidationError, PermissionDenied) as exc:
        reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return TicketResult(ticket.pk, "refused", reason=reason)
    if not events:
        return TicketResult(ticket.pk, "unchanged")
    return TicketResult(ticket.pk, "changed", tuple(e.kind for e in events))


def change_tickets(
    actor, ticket_ids: Sequence[int], changes: BulkChanges, at: datetime | None = None
) -> BulkOutcome:
    """Apply `changes` to each ticket of `ticket_ids` (see the module's contract); the results
    come in the order of the ids, each id once."""
    ids = list(dict.fromkeys(int(pk) for pk in ticket_ids))
    found = visible_tickets(actor).filter(pk__in=ids[: MAX_TICKETS + 1]).in_bulk()
    if ids and not found:
        raise NoSuchTickets("None of these tickets exists, or you may not see them.")
    check_can_work(actor)
    _check(changes, ids)
    assignee = _assignee(changes)
    tags = _tags(changes)
    values = {
        name: value
        for name in ("status", "priority", "level", "cause")
        if (value := getattr(changes, name)) is not None
    }
    if assignee is not UNCHANGED:
        values["assignee"] = assignee
    now = at or timezone.now()
    outcome = BulkOutcome(changes, assignee, actor)
    for pk in ids:
        if pk not in found:
            outcome.results.append(TicketResult(pk, "not_found", reason="No such ticket."))
        else:
            outcome.results.append(_change_one(found[pk], actor, values, tags, now))
    return outcome
