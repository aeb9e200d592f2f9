"""The weekly review page and its downloads (CSV of every table, Markdown)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sunrelay.reports import params, tables, weekly
from sunrelay.reports import render as renderers
from sunrelay.web.access import desk_view


def _compute(request: HttpRequest):
    params.check_can_see_reports(request.user)
    wanted = params.parse(request.GET)
    if wanted.errors:
        wanted = params.ReportRequest(weekly.default_week(), params.Scope(), wanted.errors)
    return wanted, weekly.compute(wanted.week, wanted.scope)


@desk_view
@require_GET
def weekly_page(request: HttpRequest) -> HttpResponse:
    wanted, report = _compute(request)
    current = weekly.default_week().shift(1)  # the week still running
    following = wanted.week.shift(1)
    context = {
        **renderers.html_context(report),
        **params.choices(),
        "form": {
            "week": wanted.week.label,
            "tier": wanted.scope.tier,
            "region": wanted.scope.region,
            "agent": str(wanted.scope.agent or ""),
        },
        "errors": wanted.errors,
        "csv_query": wanted.query(),
        "previous_query": wanted.query(wanted.week.previous()),
        "next_query": wanted.query(following) if following <= current else "",
        "next_week": following.label,
    }
    return render(request, "reports/weekly.html", context, status=400 if wanted.errors else 200)


@desk_view
@require_GET
def weekly_csv(request: HttpRequest, name: str) -> HttpResponse:
    wanted, report = _compute(request)
    table = tables.by_name(report).get(name)
    if table is None:
        raise Http404(f"The weekly report has no table called {name}.")
    response = HttpResponse(renderers.as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sunrelay-{report.week}-{name}.csv"'
    return response


@desk_view
@require_GET
def weekly_markdown(request: HttpRequest) -> HttpResponse:
    _, report = _compute(request)
    return HttpResponse(renderers.as_markdown(report), content_type="text/markdown; charset=utf-8")
