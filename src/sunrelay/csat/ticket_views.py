"""The ticket page's satisfaction panel (settings.TICKET_PANELS): each survey of the
ticket, newest first, with its rating, comment and when; staff only, and sales only on
their accounts' tickets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sunrelay.csat import access
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.web.access import desk_view, is_htmx


@desk_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = get_object_or_404(visible_tickets(request.user, Ticket.objects.all()), pk=pk)
    surveys = access.visible_surveys(request.user).filter(ticket=ticket).select_related("agent")
    context = {"ticket": ticket, "surveys": list(surveys.order_by("-solved_at", "-id"))}
    template = "csat/_ticket_panel.html" if is_htmx(request) else "csat/ticket_panel_page.html"
    return render(request, template, context)
