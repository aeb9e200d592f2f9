"""The ticket page's time panel (settings.TICKET_PANELS): the time logged on the ticket, a
timer, "+15 min" and a form for any other amount. Writes answer the panel again to htmx and
send a browser back to the ticket otherwise."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.projects import access, rollup, services
from sunrelay.projects.forms import TicketTimeForm
from sunrelay.projects.models import RunningTimer, TimeEntry
from sunrelay.web.access import desk_view, is_htmx


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    return get_object_or_404(visible_tickets(request.user, Ticket.objects.all()), pk=pk)


def _projects(request: HttpRequest, ticket: Ticket):
    """The projects the ticket is linked to that the user may see: its time may go to one."""
    return access.visible_projects(request.user, ticket.projects.all()).order_by("name")


def _panel(request: HttpRequest, ticket: Ticket, *, form=None, notice="", status=200):
    entries = access.visible_entries(request.user, TimeEntry.objects.filter(ticket=ticket))
    timer = RunningTimer.objects.filter(person=request.user).select_related("ticket").first()
    context = {
        "ticket": ticket,
        "total": rollup.total(entries),
        "mine": rollup.total(entries.filter(person=request.user)),
        "entries": list(entries.select_related("person", "project")[:10]),
        "timer": timer,
        "may_log": access.works(request.user),
        "form": form
        or TicketTimeForm(
            initial={"day": timezone.localdate()}, projects=_projects(request, ticket)
        ),
        "notice": notice,
        "quick": services.QUICK_MINUTES,
    }
    template = (
        "projects/_ticket_panel.html" if is_htmx(request) else "projects/ticket_panel_page.html"
    )
    return render(request, template, context, status=status)


def _done(request: HttpRequest, ticket: Ticket, said: str, warnings: list[str]) -> HttpResponse:
    notice = " ".join([said, *warnings])
    if is_htmx(request):
        return _panel(request, ticket, notice=notice)
    messages.success(request, said)
    for warning in warnings:
        messages.warning(request, warning)
    return redirect("desk:ticket", pk=ticket.pk)


@desk_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel(request, _ticket(request, pk))


@desk_view
@require_POST
def quick(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    _entry, warnings = services.log_time(
        request.user, day=timezone.localdate(), minutes=services.QUICK_MINUTES, ticket=ticket
    )
    return _done(request, ticket, f"{services.QUICK_MINUTES} min logged.", warnings)


@desk_view
@require_POST
def timer(request: HttpRequest, pk: int) -> HttpResponse:
    """Starts the user's timer on this ticket, or stops it and logs its minutes."""
    ticket = _ticket(request, pk)
    if request.POST.get("action") == "stop":
        entry, warnings = services.stop_timer(request.user)
        said = f"{rollup.minutes_hm(entry.minutes)} logged." if entry else "No timer was running."
        return _done(request, ticket, said, warnings)
    services.start_timer(request.user, ticket)
    return _done(request, ticket, "Timer started.", [])


@desk_view
@require_POST
def log(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    access.check_work(request.user)
    form = TicketTimeForm(request.POST, projects=_projects(request, ticket))
    if form.is_valid():
        try:
            entry, warnings = services.log_time(request.user, ticket=ticket, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return _done(request, ticket, f"{rollup.minutes_hm(entry.minutes)} logged.", warnings)
    return _panel(request, ticket, form=form, status=422)
