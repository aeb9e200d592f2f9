"""Who is on shift in each hour of a report's week. Pure Python, no Django.

schedule.shifts.Person answers "on shift at this instant?" through a business calendar
compiled for three years; for the 168 hours of one week that compiling costs more than the
rest of the report. on_shift_at() gives the same answers from the weekly hours directly
(tests hold the two together): an interval belongs to the local day it starts on, runs past
midnight when its end is not after its start, and is not worked when it starts on a day off.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def on_shift_at(person, instants: Sequence[datetime]) -> list[bool]:
    """For each instant, whether `person` (a schedule.shifts.Person) is working then."""
    zone = ZoneInfo(person.time_zone)
    by_day: list[list] = [[] for _ in range(7)]
    for interval in person.hours:
        by_day[interval.weekday].append(interval)
    answers = []
    for instant in instants:
        local = instant.astimezone(zone)
        day, clock = local.date(), local.time()
        working = False
        if day not in person.away:
            for interval in by_day[day.weekday()]:
                if interval.end > interval.start:
                    working = interval.start <= clock < interval.end
                else:  # runs past midnight (or 24 h when end == start)
                    working = clock >= interval.start
                if working:
                    break
        if not working:
            before = day - timedelta(days=1)
            if before not in person.away:
                working = any(i.end <= i.start and clock < i.end for i in by_day[before.weekday()])
        answers.append(working)
    return answers
