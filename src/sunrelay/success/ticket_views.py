"""The ticket page's support context panel (settings.TICKET_PANELS): the customer engineers'
context notes on the ticket, for whoever works it; sales on their accounts' tickets only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.success import access
from sunrelay.web.access import desk_view, is_htmx


@desk_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = get_object_or_404(visible_tickets(request.user, Ticket.objects.all()), pk=pk)
    notes = access.visible_notes(request.user).filter(ticket=ticket).select_related("author")
    context = {"ticket": ticket, "notes": list(notes)}
    template = (
        "success/_ticket_panel.html" if is_htmx(request) else "success/ticket_panel_page.html"
    )
    return render(request, template, context)
