"""The weekly prioritisation board (projects.board): everyone who may see projects reads it;
the lead orders it (projects.services.set_week_order)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sunrelay.lib import bounds
from sunrelay.projects import access, services
from sunrelay.projects.board import board
from sunrelay.projects.views import listed
from sunrelay.web.access import desk_view


def _week(text: str | None) -> date:
    try:
        return services.monday(bounds.check_day(date.fromisoformat(text or "")))
    except (ValueError, ValidationError):
        return services.monday(timezone.localdate())


@desk_view
@require_http_methods(["GET", "POST"])
def week_board(request: HttpRequest) -> HttpResponse:
    week = _week(request.GET.get("week") or request.POST.get("week"))
    if request.method == "POST":
        access.check_lead(request.user)
        ranked = []
        for project in listed(request.user):
            value = request.POST.get(f"position-{project.pk}", "").strip()
            if value.isdigit():
                ranked.append((int(value), project.name, project))
        ranked.sort(key=lambda r: (r[0], r[1]))
        services.set_week_order(request.user, week, [p for _n, _name, p in ranked])
        messages.success(request, f"The order for the week of {week:%-d %b} is kept.")
        return redirect(f"{reverse('projects:board')}?week={week.isoformat()}")
    shown = board(listed(request.user), week)
    context = {
        "board": shown,
        "previous": week - timedelta(days=7),
        "next": week + timedelta(days=7),
        "may_lead": access.leads(request.user),
    }
    return render(request, "projects/board.html", context)
