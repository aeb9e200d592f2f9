"""The leadership report's page and its Markdown and CSV downloads (reports.leadership)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from sunrelay.reports import leadership, leadership_lists, leadership_render, params
from sunrelay.web.access import desk_view


def _compute(request: HttpRequest):
    params.check_can_see_reports(request.user)
    kind = request.GET.get("kind") or "quarter"
    errors = []
    try:
        span = leadership.requested(kind, request.GET.get("period", ""))
    except ValueError as exc:
        errors.append(str(exc))
        span = leadership.default_span("quarter")
    return span, errors, leadership.compute(span)


@desk_view
@require_GET
def leadership_page(request: HttpRequest) -> HttpResponse:
    span, errors, report = _compute(request)
    trends = [(t, mark_safe(leadership_render.sparkline_svg(t))) for t in report.trends]  # noqa: S308 (built from numbers, labels escaped)
    context = {
        "report": report,
        "trends": trends,
        "errors": errors,
        "query": f"kind={span.kind}&period={span.label}",
        "previous_query": f"kind={span.kind}&period={span.previous().label}",
    }
    return render(request, "reports/leadership.html", context, status=400 if errors else 200)


@desk_view
@require_GET
def leadership_markdown(request: HttpRequest) -> HttpResponse:
    _, _, report = _compute(request)
    return HttpResponse(
        leadership_render.as_markdown(report, request.build_absolute_uri("/")),
        content_type="text/markdown; charset=utf-8",
    )


@desk_view
@require_GET
def leadership_csv(request: HttpRequest) -> HttpResponse:
    _, _, report = _compute(request)
    response = HttpResponse(
        leadership_render.as_csv(report), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="sunrelay-{report.period}.csv"'
    return response


@desk_view
@require_GET
def leadership_figure(request: HttpRequest, key: str) -> HttpResponse:
    """The list behind one figure of the report (reports.leadership_lists)."""
    params.check_can_see_reports(request.user)
    try:
        span = leadership.requested(
            request.GET.get("kind") or "quarter", request.GET.get("period", "")
        )
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    try:
        found = leadership_lists.figure_list(span, key)
    except KeyError:
        raise Http404(f"The report has no figure {key!r} with a list.") from None
    context = {
        "list": found,
        "span": span,
        "back": f"{reverse('reports:leadership')}?kind={span.kind}&period={span.label}",
    }
    return render(request, "reports/leadership_figure.html", context)
