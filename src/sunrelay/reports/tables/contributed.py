"""The sections other apps contribute (reports.contributed): one table each, a row for the
week and one for the week before."""

from __future__ import annotations

from sunrelay.reports.cells import Column, Table
from sunrelay.reports.figures import WeeklyReport


def sections(r: WeeklyReport) -> list[Table]:
    return [
        Table(
            s.name,
            s.title,
            [Column("week", "Week", "text"), *(Column(c.key, c.label, c.kind) for c in s.columns)],
            [[r.week, *s.week], [r.previous_week, *s.previous]],
            note=s.note,
        )
        for s in r.contributed
    ]
