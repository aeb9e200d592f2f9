"""Reply and resolution times, overall and broken down."""

from __future__ import annotations

from sunrelay.reports import labels
from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import Timing, WeeklyReport


def _timing_cells(t: Timing) -> list:
    return [
        t.n,
        t.business.mean,
        t.business.median,
        t.business.p90,
        t.calendar.mean,
        t.calendar.median,
        t.calendar.p90,
        t.previous_business.mean,
        t.change,
        f"{t.met:,} of {t.with_target:,}" if t.with_target else "",
    ]


TIMING_COLUMNS = [
    Column("n", "Measured"),
    Column("business_mean", "Mean (business)", "minutes"),
    Column("business_median", "Median (business)", "minutes"),
    Column("business_p90", "90th pct (business)", "minutes"),
    Column("calendar_mean", "Mean (calendar)", "minutes"),
    Column("calendar_median", "Median (calendar)", "minutes"),
    Column("calendar_p90", "90th pct (calendar)", "minutes"),
    Column("previous_mean", "Mean before (business)", "minutes"),
    Column("change", "Change of mean", "signed_minutes"),
    Column("within_target", "Within target", "text"),
]


def times(r: WeeklyReport) -> Table:
    tiers = labels.join_words([labels.tier(t) for t in r.key_tiers])
    rows = [
        ["First reply", *_timing_cells(r.first_reply)],
        [f"First reply, {tiers}", *_timing_cells(r.key_first_reply)],
        ["Next reply", *_timing_cells(r.next_reply)],
        ["Resolution", *_timing_cells(r.resolution)],
    ]
    return Table(
        "times",
        "Reply and resolution times",
        [Column("metric", "Metric", "text"), *TIMING_COLUMNS],
        rows,
        note="Waiting on the customer (pending, on hold) is left out, as the SLA clock does.",
    )


def breakdowns(r: WeeklyReport) -> list[Table]:
    return [
        Table(
            f"{b.metric}_by_{b.dimension}",
            f"{labels.METRICS[b.metric]} by {labels.DIMENSIONS[b.dimension].lower()}",
            [Column("key", labels.DIMENSIONS[b.dimension], "text"), *TIMING_COLUMNS],
            [[row.label, *_timing_cells(row.timing)] for row in b.rows],
        )
        for b in r.breakdowns
    ]
