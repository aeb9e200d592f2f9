"""The ticket page's integrations panel (settings.TICKET_PANELS): the linked bug and its state,
and the typed links to log searches, error-tracker items and dashboards, with the form that
adds one (rules: integrations.typed_links)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import can_work_ticket, visible_tickets
from sunrelay.integrations import typed_links
from sunrelay.integrations.models import BugLink, LinkKind, TicketLink
from sunrelay.web.access import desk_view, is_htmx


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    return get_object_or_404(visible_tickets(request.user, Ticket.objects.all()), pk=pk)


def _panel(request: HttpRequest, ticket: Ticket, *, status: int = 200, **extra) -> HttpResponse:
    context = {
        "ticket": ticket,
        "link": BugLink.objects.filter(ticket=ticket).select_related("bug").first(),
        "typed_links": list(ticket.typed_links.all()),
        "may_link": can_work_ticket(request.user, ticket),
        "patterns": list(typed_links.patterns_for(ticket)),
        "kinds": LinkKind.choices,
        "form": {},
        **extra,
    }
    partial = is_htmx(request) and status == 200
    template = "integrations/_ticket_panel.html" if partial else "integrations/panel_page.html"
    return render(request, template, context, status=status)


@desk_view
@require_GET
def ticket_panel(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel(request, _ticket(request, pk))


def _back(ticket: Ticket) -> HttpResponse:
    return redirect(reverse("desk:ticket", args=[ticket.pk]) + "#links-panel")


@desk_view
@require_POST
def add_link(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    form = {key: request.POST.get(key, "") for key in ("pattern", "ref", "kind", "url", "label")}
    pattern = None
    if form["pattern"]:
        pattern = typed_links.patterns_for(ticket).filter(pk=form["pattern"]).first()
    try:
        if form["pattern"] and pattern is None:
            raise ValidationError({"pattern": "That pattern is not one of this ticket's team."})
        fields = {"pattern": pattern, "ref": form["ref"], "label": form["label"]}
        if pattern is None:
            fields |= {"kind": form["kind"], "url": form["url"]}
        added = typed_links.add(request.user, ticket, **fields)
    except ValidationError as exc:
        return _panel(request, ticket, status=422, form=form, errors=exc.message_dict)
    messages.success(request, f"{added.get_kind_display()} linked.")
    return _back(ticket)


@desk_view
@require_POST
def remove_link(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    link = get_object_or_404(TicketLink, pk=link_pk, ticket=ticket)
    typed_links.remove(request.user, link)
    messages.success(request, f"{link.get_kind_display()} link removed.")
    return _back(ticket)
