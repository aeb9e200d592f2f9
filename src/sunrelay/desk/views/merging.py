"""Merge a ticket into another, split a customer's message off into a ticket of its own."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from sunrelay.desk import services
from sunrelay.desk.models import Message, Ticket
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.desk.views.tickets import _failed, _ticket
from sunrelay.web.access import desk_view


def _number(raw: str) -> int | None:
    text = (raw or "").strip().lstrip("#")
    return int(text) if text.isdigit() and len(text) < 12 else None


@desk_view
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    check_can_work(request.user, ticket)
    number = _number(request.POST.get("into", ""))
    target = visible_tickets(request.user, Ticket.objects.all()).filter(pk=number).first()
    if target is None:
        return _failed(request, pk, "Which ticket? Give the number of a ticket you can see.")
    try:
        services.merge_tickets(
            ticket, target, request.user, tell_customer=request.POST.get("tell") == "on"
        )
    except ValidationError as exc:
        return _failed(request, pk, " ".join(exc.messages))
    messages.success(request, f"#{ticket.pk} is merged into this ticket.")
    return _go(request, target.pk)


@desk_view
@require_POST
def split(request: HttpRequest, pk: int, message_id: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    message = get_object_or_404(Message, pk=message_id, ticket=ticket)
    try:
        opened = services.split_message(message, request.user)
    except ValidationError as exc:
        return _failed(request, pk, " ".join(exc.messages))
    messages.success(request, f"A new ticket for this message, split from #{ticket.pk}.")
    return _go(request, opened.ticket.pk)


def _go(request: HttpRequest, pk: int) -> HttpResponse:
    """To the ticket the work continues on: a whole-page move, for htmx too."""
    response = redirect("desk:ticket", pk=pk)
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"/desk/tickets/{pk}/"
    return response
