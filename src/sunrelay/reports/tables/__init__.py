"""Every table of the weekly report, once: the page, the e-mail, Markdown and CSV all read
these, so they show the same rows with the same numbers. A cell holds the raw value; its
Column says how it reads (reports.cells). One module per kind of table; this one lists them
in the order the page shows them."""

from __future__ import annotations

from sunrelay.reports.cells import Table
from sunrelay.reports.figures import WeeklyReport
from sunrelay.reports.tables import contributed, satisfaction
from sunrelay.reports.tables.counts import (
    backlog,
    causes,
    feedback_themes,
    growth,
    summary,
    trend,
)
from sunrelay.reports.tables.staffing import coverage, team
from sunrelay.reports.tables.targets import breaches, sla
from sunrelay.reports.tables.tickets import handoffs, interesting
from sunrelay.reports.tables.timing import breakdowns, times


def all_tables(r: WeeklyReport) -> list[Table]:
    """Every table, in the order the page shows them."""
    return [
        summary(r),
        times(r),
        backlog(r),
        sla(r),
        breaches(r),
        *handoffs(r),
        causes(r),
        interesting(r),
        satisfaction.groups(r),
        satisfaction.weeks(r),
        satisfaction.ratings(r),
        *growth(r),
        feedback_themes(r),
        *contributed.sections(r),
        team(r),
        trend(r),
        *breakdowns(r),
        coverage(r),
    ]


def by_name(r: WeeklyReport) -> dict[str, Table]:
    return {t.name: t for t in all_tables(r)}
