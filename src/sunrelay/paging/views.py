"""Ticket page actions: page (mark urgent with a reason), acknowledge, raise the level.
Each is one service call; refused input comes back with its errors (422)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sunrelay.desk.models import Level, Ticket
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import apply_service_errors
from sunrelay.paging import services
from sunrelay.paging.forms import PageForm, RaiseLevelForm
from sunrelay.paging.models import AckVia
from sunrelay.schedule import level_up
from sunrelay.web.access import desk_view


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    ticket = get_object_or_404(visible_tickets(request.user).select_related("account"), pk=pk)
    check_can_work(request.user, ticket)
    return ticket


def _refused(request, ticket, form, action: str) -> HttpResponse:
    return render(
        request,
        "paging/refused.html",
        {"ticket": ticket, "form": form, "action": action},
        status=422,
    )


@desk_view
@require_POST
def page(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    form = PageForm(request.POST)
    if form.is_valid():
        try:
            run = services.page(ticket, request.user, form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _refused(request, ticket, form, "page")
    messages.success(request, f"Urgent: paging through {run.policy.name}.")
    return redirect("desk:ticket", pk=pk)


@desk_view
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    try:
        services.acknowledge_ticket(ticket, request.user, AckVia.PAGE)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Acknowledged: nobody else is paged for this ticket.")
    return redirect("desk:ticket", pk=pk)


@desk_view
@require_POST
def raise_level(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    form = RaiseLevelForm(request.POST)  # every level: the service says what is allowed
    if form.is_valid():
        try:
            done = level_up.raise_level(ticket, request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"status": None})
    if form.errors:
        return _refused(request, ticket, form, "raise_level")
    who = person(done.assignee) or "nobody yet"
    messages.success(request, f"Level raised to {Level(done.level).label}: {who} ({done.why}).")
    return redirect("desk:ticket", pk=pk)
