"""The team's work and the arrivals against the staff on shift."""

from __future__ import annotations

from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import WeeklyReport
from sunrelay.reports.metrics import HOURS_IN_WEEK

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def team(r: WeeklyReport) -> Table:
    return Table(
        "team",
        "The team",
        [
            Column("agent", "Agent", "text"),
            Column("region", "Region", "text"),
            Column("replies", "Public replies"),
            Column("previous_replies", "Replies before"),
            Column("tickets", "Tickets replied to"),
            Column("solved", "Solved"),
            Column("previous_solved", "Solved before"),
        ],
        [
            [
                a.name,
                a.region,
                a.replies,
                a.previous_replies,
                a.tickets_replied,
                a.solved,
                a.previous_solved,
            ]
            for a in r.team
        ],
    )


def coverage(r: WeeklyReport) -> Table:
    c = r.coverage
    return Table(
        "coverage",
        "Arrivals by hour of the week against staff on shift",
        [
            Column("hour", f"Hour ({c.zone})", "text"),
            Column("arrivals", "Tickets received"),
            *[Column(f"staff_{i}", f"On shift, {line.label}") for i, line in enumerate(c.regions)],
        ],
        [
            [
                f"{DAYS[h // 24]} {h % 24:02d}:00",
                c.arrivals[h],
                *[line.staff[h] for line in c.regions],
            ]
            for h in range(HOURS_IN_WEEK)
        ],
    )
