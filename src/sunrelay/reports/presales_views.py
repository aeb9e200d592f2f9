"""The pre-sales figures page: a quarter against the one before (reports.presales)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sunrelay.reports import conf, params, presales
from sunrelay.reports.quarters import Quarter, requested
from sunrelay.web.access import desk_view


@desk_view
@require_GET
def presales_page(request: HttpRequest) -> HttpResponse:
    params.check_can_see_reports(request.user)
    now, zone = timezone.now(), conf.time_zone()
    errors = []
    try:
        quarter = requested(request.GET.get("quarter", ""), now, zone)
    except ValueError as exc:
        errors.append(str(exc))
        quarter = Quarter.containing(now, zone)
    report = presales.compute(quarter)
    running = Quarter.containing(now, zone)
    context = {
        "report": report,
        "dimensions": presales.DIMENSIONS,
        "errors": errors,
        "previous": quarter.previous().label,
        "next": quarter.shift(1).label if quarter < running else "",
        "running": quarter == running,
    }
    return render(request, "reports/presales.html", context, status=400 if errors else 200)
