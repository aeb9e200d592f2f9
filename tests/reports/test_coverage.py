"""Who is on shift in each hour: the reports' quick reading agrees with schedule.shifts."""

from __future__ import annotations

from datetime import date, time

from sunrelay.reports.coverage import on_shift_at
from sunrelay.reports.metrics import hour_middles, hour_of_week
from sunrelay.reports.periods import Week
from sunrelay.schedule.shifts import Person
from sunrelay.sla.calendar import WeeklyInterval


def person(zone, hours, away=()):
    return Person(
        1, "P", zone, hours=tuple(WeeklyInterval(*h) for h in hours), away=frozenset(away)
    )


PEOPLE = [
    person(
        "Europe/Madrid",
        [(d, time(9), time(14)) for d in range(5)]
        + [(d, time(15), time(18, 30)) for d in range(4)],
    ),
    person(
        "America/Los_Angeles", [(d, time(22), time(6)) for d in range(5)], away=[date(2026, 3, 11)]
    ),
    person("America/New_York", [(6, time(0), time(0))]),  # all of Sunday
    person("Asia/Kolkata", [(d, time(9, 30), time(18)) for d in range(5)]),
]


def test_it_agrees_with_the_shift_calendar_across_dst_changes():
    # US clocks go forward on 8 March 2026, European ones on 29 March.
    for label in ("2026-W10", "2026-W11", "2026-W13", "2026-W47"):
        for zone in ("UTC", "Europe/Madrid"):
            instants = hour_middles(Week.parse(label, zone).start, zone)
            for p in PEOPLE:
                assert on_shift_at(p, instants) == [p.on_shift(t) for t in instants], (
                    label,
                    zone,
                    p.time_zone,
                )


def test_arrivals_fall_in_local_hours_of_the_week():
    week = Week.parse("2026-W47", "Europe/Madrid")
    middles = hour_middles(week.start, week.zone)
    counts = hour_of_week([middles[0], middles[25], middles[25], middles[167]], week.zone)
    assert (counts[0], counts[25], counts[167], sum(counts)) == (1, 2, 1, 4)
