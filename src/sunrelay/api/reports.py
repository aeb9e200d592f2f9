"""/api/v1/reports: the weekly review as data, the same JSON as `sunrelay report weekly
--format json`, and every table as CSV. Staff who work tickets only (sales get 403)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from sunrelay.api import report_targets
from sunrelay.api.auth import actor
from sunrelay.reports import conf, leadership, params, presales, render, tables, weekly
from sunrelay.reports.figures import WeeklyReport
from sunrelay.reports.leadership_figures import LeadershipReport
from sunrelay.reports.quarters import requested

# The operation ids are the ones these endpoints had when they lived in reports/api.py:
# generated clients keep their method names.
router = Router(tags=["reports"])


class WeeklyQuery(Schema):
    week: str = ""
    tier: str = ""
    region: str = ""
    agent: str = ""


def _report(request: HttpRequest, query: WeeklyQuery) -> WeeklyReport:
    params.check_can_see_reports(actor(request))
    wanted = params.parse(query.dict())
    if wanted.errors:
        raise HttpError(422, " ".join(wanted.errors))
    return weekly.compute(wanted.week, wanted.scope)


@router.get(
    "/weekly",
    response=WeeklyReport,
    summary="The weekly review",
    operation_id="sunrelay_reports_api_weekly_report",
    description=(
        "One ISO week (`week`, e.g. 2026-W47; default the last full week) against the week "
        "before, optionally for one `tier`, `region` (time zone) or `agent` (user id). "
        "Durations in minutes, shares 0-1, times in UTC. docs/metrics.md defines every figure."
    ),
)
def weekly_report(request: HttpRequest, query: Query[WeeklyQuery]):
    # The JSON text of the CLI, byte for byte; the schema above documents it.
    report = _report(request, query)
    return HttpResponse(render.as_json(report, indent=None), content_type="application/json")


@router.get(
    "/weekly/csv/{table}",
    summary="One table of the weekly review as CSV",
    operation_id="sunrelay_reports_api_weekly_csv",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def weekly_csv(request: HttpRequest, table: str, query: Query[WeeklyQuery]):
    report = _report(request, query)
    found = tables.by_name(report).get(table)
    if found is None:
        raise HttpError(404, f"No table called {table}; see the page for the names.")
    response = HttpResponse(render.as_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sunrelay-{report.week}-{table}.csv"'
    return response


class PresalesQuery(Schema):
    quarter: str = ""


@router.get(
    "/presales",
    response=presales.PresalesReport,
    summary="The pre-sales figures of a quarter",
    description=(
        "Win rate, technical-win rate, time from an SE request to its assignment and to the "
        "technical win, overall and by SE, tier and product area, for one `quarter` (e.g. "
        "2026-Q4; default the one running) against the quarter before, each with its "
        "population. Durations in minutes, shares 0-1. docs/presales.md defines each figure."
    ),
)
def presales_report(request: HttpRequest, query: Query[PresalesQuery]):
    params.check_can_see_reports(actor(request))
    try:
        quarter = requested(query.quarter, timezone.now(), conf.time_zone())
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    return presales.compute(quarter)


class PeriodQuery(Schema):
    kind: str = "quarter"
    period: str = ""


@router.get(
    "/period",
    response=LeadershipReport,
    summary="The leadership report of a month or a quarter",
    description=(
        "One `kind` (month, quarter or week) and `period` (2026-11, 2026-Q4 or 2026-W47; "
        "default the last complete one): every figure against the period before and, where "
        "there is history, the same period a year earlier, with its population; 13-period "
        "trends and the largest moves. Quarters follow SUNRELAY_REPORT_FISCAL_START_MONTH. "
        "docs/metrics.md defines each figure."
    ),
)
def period_report(request: HttpRequest, query: Query[PeriodQuery]):
    params.check_can_see_reports(actor(request))
    try:
        span = leadership.requested(query.kind, query.period)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    return leadership.compute(span)


# The leadership report's targets (api.report_targets), under /reports/targets.
router.add_router("/targets", report_targets.router)
