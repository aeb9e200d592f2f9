"""The leadership report: a month or a quarter (or an ISO week) on one page, each figure
against the period before, the same period a year earlier and its target, with its
population; 13-period trends; the largest moves ranked by their effect.

compute() is the one computation that the page, the Markdown, the JSON, the CSV, the API and
the e-mail render (reports.leadership_render). The ticket figures are the weekly review's
queries over the period's days, so a month is its weeks' figures summed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.http import urlencode

from sunrelay.reports import (
    conf,
    leadership_coverage,
    leadership_lists,
    leadership_more,
    leadership_sections,
    leadership_sources,
    leadership_targets,
    leadership_tickets,
    presales,
    refresh,
)
from sunrelay.reports.leadership_figures import LeadershipReport, Move, Sparkline
from sunrelay.reports.models import TicketFact
from sunrelay.reports.quarters import Quarter
from sunrelay.reports.spans import Span, ending

TREND_PERIODS = 13
MOVES = 5
TRENDS = (
    ("received", "Tickets received", lambda f: sum(f.received.values())),
    ("first_reply", "First reply, mean", lambda f: f.first_reply[""].mean if f.first_reply.get("") else None),
    ("breaches", "SLA breaches", lambda f: f.breaches),
    ("backlog", "Unsolved at the end", lambda f: f.backlog),
)  # fmt: skip
UNITS = {"first_reply": "minutes"}


def default_span(kind: str, now: datetime | None = None) -> Span:
    """The last complete period of `kind` in the report's zone."""
    return Span.last_complete(kind, now or timezone.now(), conf.time_zone(), conf.fiscal_start())


def requested(kind: str, text: str, now: datetime | None = None) -> Span:
    """The period a page or the API asks for; ValueError, in words, for anything else or a
    period not begun."""
    now = now or timezone.now()
    if kind not in ("month", "quarter", "week"):
        raise ValueError(f"{kind!r} is not a kind of period: month, quarter or week.")
    if not (text or "").strip():
        return default_span(kind, now)
    span = Span.parse(kind, text, conf.time_zone(), conf.fiscal_start())
    if span.start > now:
        raise ValueError(f"{span.label} has not begun yet.")
    return span


def search_link(span: Span, terms: str) -> str:
    """The desk search for the tickets received in `span` (by creation, local days; the
    search's after: and before: leave their own day out)."""
    since = span.first_day - timedelta(days=1)
    query = f"after:{since:%Y-%m-%d} before:{span.shift(1).first_day:%Y-%m-%d} {terms}".strip()
    return "/desk/search/?" + urlencode({"q": query})


def list_link(span: Span, key: str) -> str:
    """The list of what figure `key` counts (reports.leadership_lists)."""
    return f"/desk/reports/leadership/figure/{key}/?" + urlencode(
        {"kind": span.kind, "period": span.label}
    )


def _drill_down(sections, span: Span) -> None:
    """Every figure that a desk list cannot count for the period gets its own list."""
    for section in sections:
        for f in section.figures:
            if leadership_lists.has_list(f.key):
                f.link = list_link(span, f.key)


def compute(span: Span, now: datetime | None = None) -> LeadershipReport:
    from sunrelay.schedule.roster import load_people

    now = now or timezone.now()
    refresh.ensure_fresh(now)
    periods = ending(span, TREND_PERIODS)
    first_ticket = TicketFact.objects.order_by("created_at").values_list("created_at", flat=True)
    earliest = first_ticket.first()
    figures = {}
    for period in periods:
        if earliest is not None and period.end > earliest:
            figures[period] = leadership_tickets.compute(period.start, period.end, now)
        else:
            figures[period] = leadership_tickets.TicketFigures()
    previous, year = span.previous(), span.year_before()
    has_year = earliest is not None and earliest < year.start
    year_figures = None
    if has_year:
        year_figures = figures.get(year) or leadership_tickets.compute(year.start, year.end, now)
    three = (figures[span], figures[previous], year_figures)
    ref = f"the {span.kind} before"
    search = lambda terms: search_link(span, terms)  # noqa: E731
    roster = load_people()  # one read of the schedule for the coverage and paging sections
    sections = [
        leadership_sections.volume(three, ref, search),
        leadership_sections.times(three, ref, conf.key_tiers()),
        leadership_sections.breaches(three, ref, search),
        leadership_sections.backlog(three, ref, search),
        leadership_sections.csat(three, ref),
        *_other_apps(span, now, roster, figures, year_figures, ref),
    ]
    _drill_down(sections, span)
    leadership_targets.apply(sections)
    return LeadershipReport(
        kind=span.kind,
        period=span.label,
        title=span.title(),
        zone=span.zone,
        start=span.start,
        end=span.end,
        as_of=min(span.end, now),
        previous=previous.label,
        last_year=year.label if has_year else "",
        sections=sections,
        trends=[_trend(key, label, get, periods, figures) for key, label, get in TRENDS],
        moves=moves(sections, ref),
    )


def _other_apps(span: Span, now, roster, figures, year_figures, ref: str) -> list:
    """The sections read from the apps beside the desk, each against the period before and,
    when the desk has tickets that old (`year_figures`), the same period a year earlier."""
    sources, previous, year = leadership_sources, span.previous(), span.year_before()
    has_year = year_figures is not None
    per_year = lambda compute: compute(year) if has_year else None  # noqa: E731
    return [
        leadership_coverage.section(
            leadership_coverage.gaps(span.start, min(span.end, now), roster),
            leadership_coverage.gaps(previous.start, previous.end, roster),
            ref,
            per_year(lambda p: leadership_coverage.gaps(p.start, p.end, roster)),
        ),
        leadership_more.paging(
            sources.paging(span.start, span.end, roster),
            sources.paging(previous.start, previous.end, roster),
            per_year(lambda p: sources.paging(p.start, p.end, roster)),
            ref,
        ),
        leadership_more.risk(
            sources.risk(
                span.end, figures[span].breached_tickets, sources.reads_open_now(span.end, now)
            ),
            sources.risk(previous.end, figures[previous].breached_tickets, False),
            per_year(lambda p: sources.risk(p.end, year_figures.breached_tickets, False)),
            ref,
            "/desk/health/",
        ),
        leadership_more.themes(
            sources.themes(span.start, span.end, previous.start),
            ref,
            sources.theme_mrr(previous.start, previous.end),
            per_year(lambda p: sources.theme_mrr(p.start, p.end)),
        ),
        leadership_more.presales(
            presales.compute(span),
            per_year(presales.compute),
            ref,
            _presales_link(span),
        ),
        leadership_more.hours(
            sources.hours(span.first_day, span.shift(1).first_day),
            sources.hours(previous.first_day, span.first_day),
            per_year(lambda p: sources.hours(p.first_day, p.shift(1).first_day)),
            ref,
            "/desk/projects/hours/" + (f"?month={span.label}" if span.kind == "month" else ""),
        ),
    ]


def _trend(key, label, get, periods, figures) -> Sparkline:
    values = [get(figures[p]) for p in periods]
    known = [v for v in values if v is not None]
    unit = UNITS.get(key, "count")
    if len(known) < 2:
        words = "not enough history for a trend"
    else:
        reference = f"{len(periods)} {periods[-1].kind}s earlier"
        first = next(v for v in values if v is not None)
        words = leadership_sections.change_words(known[-1], first, unit, f"over {reference}")
    return Sparkline(key, label, [p.label for p in periods], values, words)


def _presales_link(span: Span) -> str:
    """The pre-sales figures' page of the quarter (for a month or a week: the one it is in)."""
    label = (
        span.label if span.kind == "quarter" else Quarter.containing(span.start, span.zone).label
    )
    return f"/desk/reports/presales/?quarter={label}"


def moves(sections, ref: str) -> list[Move]:
    """The figures that moved most from the period before: revenue moves by their dollars,
    the others by their relative size (a share by its points)."""
    found = []
    for section in sections:
        for f in section.figures:
            if f.value is None or f.previous is None or f.value == f.previous:
                continue
            if f.unit == "dollars":
                effect = abs(f.value - f.previous)
            elif f.unit == "share":
                effect = 100 * abs(f.value - f.previous)
            else:
                effect = 100 * abs(f.value - f.previous) / max(abs(f.previous), 1)
            words = leadership_sections.change_words(f.value, f.previous, f.unit, ref)
            found.append(Move(f.label, words, effect, f.link))
    found.sort(key=lambda m: (-(m.effect if "MRR" in m.label else 0), -m.effect, m.label))
    return found[:MOVES]
