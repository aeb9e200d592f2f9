"""Knowledge on the ticket page: a side panel loaded after the page (suggested articles in the
requester's skill level, similar solved tickets, the macro picker, turning the conversation
into knowledge), and the macro picker's two calls (its text; sending it with its changes)."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sunrelay.desk.models import MessageKind, Ticket
from sunrelay.desk.permissions import can_work_ticket, visible_tickets
from sunrelay.kb import macros
from sunrelay.kb.markdown import render as render_markdown
from sunrelay.kb.suggest import similar_tickets, suggested_articles
from sunrelay.mail.replies import from_uploads
from sunrelay.web.access import desk_view, is_htmx

MACROS_LISTED = 50


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    qs = Ticket.objects.select_related("requester", "account", "assignee")
    return get_object_or_404(visible_tickets(request.user, qs), pk=pk)


@desk_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    can_work = can_work_ticket(request.user, ticket)
    articles = suggested_articles(ticket, request.user)
    context = {
        "ticket": ticket,
        "articles": [(s, render_markdown(s.text)) for s in articles],
        "similar": similar_tickets(ticket, request.user),
        "can_work": can_work,
        "macros": list(
            macros.visible_macros(request.user).order_by("-uses", "name")[:MACROS_LISTED]
        )
        if can_work
        else [],
        "our_replies": list(
            ticket.messages.filter(kind=MessageKind.REPLY).order_by("-created_at")[:10]
        )
        if can_work
        else [],
    }
    template = "kb/_ticket_panel.html" if is_htmx(request) else "kb/ticket_panel_page.html"
    return render(request, template, context)


def _macro(request: HttpRequest, macro_id: int):
    return get_object_or_404(macros.visible_macros(request.user), pk=macro_id)


@desk_view
@require_GET
def macro_text(request: HttpRequest, pk: int, macro_id: int) -> HttpResponse:
    """The macro's text for this ticket, for the reply box to edit before sending."""
    ticket = _ticket(request, pk)
    text = macros.render(_macro(request, macro_id).body, ticket, request.user)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@desk_view
@require_POST
def macro_send(request: HttpRequest, pk: int, macro_id: int) -> HttpResponse:
    """The reply box's text (the macro's, maybe edited) sent with the macro's field changes."""
    ticket = _ticket(request, pk)
    macro = _macro(request, macro_id)
    try:
        macros.apply_macro(
            macro,
            ticket,
            request.user,
            body=request.POST.get("body", ""),
            files=from_uploads(request.FILES.getlist("attachments")),
        )
    except (ValidationError, PermissionDenied) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        if is_htmx(request):
            # Nothing changed: say why where the agent looks, and leave the reply box as it is.
            response = HttpResponse(status=204)
            response["HX-Trigger"] = json.dumps({"sunrelay-toast": message})
            return response
        return render(
            request, "kb/macro_refused.html", {"ticket": ticket, "message": message}, status=422
        )
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect("desk:ticket", pk=ticket.pk)
