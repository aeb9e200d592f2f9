"""/tickets/{id}/messages and /tickets/{id}/events: the thread and the audit trail."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id
from sunrelay.api.ticket_schemas import EventOut, MessageIn, MessageOut
from sunrelay.desk import services
from sunrelay.desk.permissions import visible_tickets

router = Router(tags=["tickets"])


@router.get("/{ticket_id}/messages", response=list[MessageOut], summary="A ticket's messages")
def list_messages(request: HttpRequest, ticket_id: Id):
    ticket = get_object_or_404(visible_tickets(actor(request)), pk=ticket_id)
    # Staff read the whole thread, internal notes included; customers never use this API.
    return ticket.messages.select_related("author_user", "author_contact")


@router.post(
    "/{ticket_id}/messages", response={201: MessageOut}, summary="Reply or add an internal note"
)
def add_message(request: HttpRequest, ticket_id: Id, payload: MessageIn):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user), pk=ticket_id)
    # services.note() is reply(public=False); calling reply() directly keeps the status option.
    message = services.reply(
        ticket,
        user,
        payload.body,
        html=payload.html,
        public=payload.kind == "reply",
        status=payload.status,
    )
    return HttpStatus(201, message)


@router.get("/{ticket_id}/events", response=list[EventOut], summary="A ticket's event log")
def list_events(request: HttpRequest, ticket_id: Id):
    ticket = get_object_or_404(visible_tickets(actor(request)), pk=ticket_id)
    return ticket.events.select_related("actor_user", "actor_contact")
