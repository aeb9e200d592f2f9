"""/tickets/{id}/hand-off and /tickets/{id}/take-back: temporary hand-overs, the rules of
schedule.handoffs. Both answer the hand-over as /schedule/handoffs lists it."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router
from ninja import Status as HttpStatus

from sunrelay.api import lookups
from sunrelay.api.auth import actor
from sunrelay.api.schedule import HandoffOut
from sunrelay.api.schemas import Id, Input
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.schedule import handoffs, queries

router = Router(tags=["schedule"])


class HandOffIn(Input):
    to_id: Id | None = Field(
        None,
        description="Who holds it for its owner. Left out: someone on shift who works the "
        "ticket's level and has room under the lead's cap.",
    )
    # The length limit is schedule.handoffs' rule (a 422 on `note` above it).
    note: str = Field(
        "",
        description="The hand-off note. Left out: the ticket's waiting note, else a summary "
        "of its state and deadline.",
    )


def _ticket(request: HttpRequest, ticket_id: int):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user), pk=ticket_id)
    check_can_work(user, ticket)
    return user, ticket


@router.post("/{ticket_id}/hand-off", response={201: HandoffOut}, summary="Hand off now")
def hand_off(request: HttpRequest, ticket_id: Id, payload: HandOffIn):
    """Hands the ticket over temporarily: the receiver holds it until its owner's next
    shift. 422 when nobody can take it, the person chosen is at the cap or owns it, or the
    ticket has no owner or is solved."""
    user, ticket = _ticket(request, ticket_id)
    to = lookups.user_or_none("to_id", payload.to_id)
    done = handoffs.hand_off_now(ticket, user, to=to, note=payload.note)
    return HttpStatus(201, queries.handoffs_for(user).get(pk=done.pk))


@router.post("/{ticket_id}/take-back", response=HandoffOut, summary="Take a ticket back")
def take_back(request: HttpRequest, ticket_id: Id):
    """The owner of a ticket handed over temporarily takes it back now (403 for anyone
    else; 422 when it is not handed over)."""
    user, ticket = _ticket(request, ticket_id)
    hold = handoffs.take_back(ticket, user)
    return queries.handoffs_for(user).get(pk=hold.pk)
