"""/tickets/{id}/merge and /tickets/{id}/split (desk.services.merging)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja import Status as HttpStatus

from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id
from sunrelay.api.ticket_schemas import MergeIn, SplitIn, TicketOut
from sunrelay.api.tickets import tickets_for
from sunrelay.desk import services
from sunrelay.desk.models import Message
from sunrelay.desk.permissions import check_can_work, visible_tickets

router = Router(tags=["tickets"])


@router.post("/{ticket_id}/merge", response=TicketOut, summary="Merge into another ticket")
def merge(request: HttpRequest, ticket_id: Id, payload: MergeIn):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user), pk=ticket_id)
    check_can_work(user, ticket)
    target = visible_tickets(user).filter(pk=payload.into).first()
    if target is None:
        raise ValidationError({"into": f"There is no ticket with id {payload.into}."})
    survivor = services.merge_tickets(ticket, target, user, tell_customer=payload.tell_customer)
    return tickets_for(user).get(pk=survivor.pk)


@router.post(
    "/{ticket_id}/split", response={201: TicketOut}, summary="Split a message into a new ticket"
)
def split(request: HttpRequest, ticket_id: Id, payload: SplitIn):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user), pk=ticket_id)
    check_can_work(user, ticket)
    message = Message.objects.filter(pk=payload.message_id, ticket=ticket).first()
    if message is None:
        raise ValidationError({"message_id": "That message is not on this ticket."})
    opened = services.split_message(message, user, subject=payload.subject)
    return HttpStatus(201, tickets_for(user).get(pk=opened.ticket.pk))
