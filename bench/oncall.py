""" "Who is on call now" lookups per second for a rotation with a year of overrides.

The rotation is the demo's Enterprise on-call shape: a round-the-clock weekly layer under three
regional layers restricted to their own weekday daytime (Madrid, New York, San Francisco), plus
one override a day for a year (2 to 24 hours each, so many overlap and later ones win). The
lookups are at random instants of that year; the rotation is compiled once, inside the timing.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

from bench.results import Figure
from sunrelay.schedule.rotations import resolve
from sunrelay.schedule.rotations.resolve import Layer, Override, Rotation, first_handoff
from sunrelay.sla.calendar import WeeklyInterval

LOOKUPS = 100_000
START = datetime(2026, 1, 5, tzinfo=UTC)


def _daytime(start: int, end: int) -> tuple[WeeklyInterval, ...]:
    return tuple(WeeklyInterval(d, clock(start), clock(end)) for d in range(5))


def layers() -> list[Layer]:
    first = first_handoff(date(2026, 1, 5), clock(9))  # local wall-clock time
    return [
        Layer((1, 2, 3), first, 1, "weeks", "Europe/Madrid"),
        Layer((4, 5), first, 1, "weeks", "Europe/Madrid", restrictions=_daytime(8, 16)),
        Layer((6, 7), first, 1, "weeks", "America/New_York", restrictions=_daytime(9, 17)),
        Layer((8,), first, 1, "weeks", "America/Los_Angeles", restrictions=_daytime(14, 22)),
    ]


def overrides(rng: random.Random) -> list[Override]:
    made = []
    for day in range(365):
        start = START + timedelta(days=day, minutes=rng.randrange(24 * 60))
        made.append(Override(rng.randint(1, 8), start, start + timedelta(hours=rng.randint(2, 24))))
    return made


def lookups_per_second(runs: int) -> Figure:
    rng = random.Random(11)
    year = overrides(rng)
    instants = [START + timedelta(seconds=rng.randrange(365 * 86400)) for _ in range(LOOKUPS)]
    rates = []
    for _ in range(runs):
        resolve._restriction_calendar.cache_clear()  # each run compiles its own calendars
        started = time.perf_counter()
        rotation = Rotation("Europe/Madrid", layers(), year)
        for at in instants:
            rotation.who(at)
        rates.append(LOOKUPS / (time.perf_counter() - started))
    return Figure(
        "oncall_lookups",
        statistics.median(rates),
        "lookups/s",
        len(year),
        note="4 layers (3 restricted), a year of overrides; target 10,000/s",
    )


def run(runs: int = 3) -> list[Figure]:
    return [lookups_per_second(runs)]
