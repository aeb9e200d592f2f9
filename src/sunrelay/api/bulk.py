"""POST /tickets/bulk: one change to many tickets (desk.services.bulk_changes)."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from sunrelay.api.auth import actor
from sunrelay.api.errors import NOT_FOUND_TOO
from sunrelay.api.schemas import Id, Input
from sunrelay.desk.models import Cause, Level, Priority, Status
from sunrelay.desk.services.bulk_changes import (
    MAX_TICKETS,
    UNCHANGED,
    BulkChanges,
    NoSuchTickets,
    change_tickets,
)

router = Router(tags=["tickets"])


class ChangesIn(Input):
    # Fields left out stay as they are on every ticket.
    assignee_id: Id | None = Field(None, description="null unassigns.")
    status: Status = None
    priority: Priority = None
    level: Level = None
    cause: Cause | None = Field(None, description="Solving needs one; null clears it.")
    add_tags: list[str] = []
    remove_tags: list[str] = []


class BulkIn(Input):
    ids: list[Id] = Field(description=f"The tickets, at most {MAX_TICKETS}.")
    changes: ChangesIn


class ResultOut(Schema):
    id: int
    outcome: Literal["changed", "unchanged", "refused", "not_found"] = Field(
        description="unchanged: already so; not_found: no such ticket that you may see."
    )
    changes: list[str] = Field(description="The kinds of the events written, in order.")
    reason: str | None = Field(description="Why the ticket refused, in words.")


class BulkOut(Schema):
    summary: str = Field(description='In words: "12 tickets assigned to …; #123 refused: …".')
    changed: int
    unchanged: int
    refused: int
    not_found: int
    results: list[ResultOut] = Field(description="One per id, in the order given.")


@router.post(
    "/bulk",
    response=BulkOut,
    summary="Change many tickets",
    description="Each ticket changes in a transaction of its own, with its own events; a "
    "ticket that refuses (closed, no cause to solve with) is reported with its reason and the "
    "others change. 404 when you may see none of the tickets; 403 for readers (sales).",
    openapi_extra={NOT_FOUND_TOO: True},
)
def bulk_change(request: HttpRequest, payload: BulkIn):
    given = payload.changes.model_dump(exclude_unset=True)
    if "cause" in given:
        given["cause"] = given["cause"] or ""  # null clears it
    changes = BulkChanges(assignee_id=given.pop("assignee_id", UNCHANGED), **given)
    try:
        outcome = change_tickets(actor(request), payload.ids, changes)
    except NoSuchTickets as exc:
        raise Http404(str(exc)) from None
    return {
        "summary": outcome.summary,
        **{kind: outcome.count(kind) for kind in ("changed", "unchanged", "refused", "not_found")},
        "results": [
            {
                "id": r.ticket_id,
                "outcome": r.outcome,
                "changes": list(r.changed),
                "reason": r.reason or None,
            }
            for r in outcome.results
        ],
    }
