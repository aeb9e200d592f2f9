"""Working time for the demo's stories, on a clock of POSIX seconds (UTC).

The hours themselves come from sla.calendar.BusinessCalendar, so the demo's staff work
exactly the hours (daylight-saving changes and shifts past midnight included) the SLA
clocks later measure by. The demo asks hundreds of thousands of questions about them,
so each calendar is laid out once as sorted UTC intervals over the demo's window and
answered by binary search.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from datetime import UTC, datetime, time

from sunrelay.sla.calendar import BusinessCalendar, WeeklyInterval

INFINITY = math.inf
# Customers' hours are unknown: assume a long office day, Monday to Friday.
CUSTOMER_HOURS = tuple((day, time(8), time(19)) for day in range(5))


class Calendar:
    """Weekly hours, (weekday, start, end) in local time with Monday = 0, between two
    instants. Past the window nobody works: answers are INFINITY."""

    def __init__(
        self,
        time_zone: str,
        hours: tuple[tuple[int, time, time], ...],
        first: datetime,
        last: datetime,
    ) -> None:
        business = BusinessCalendar(time_zone, [WeeklyInterval(*h) for h in hours])
        self.starts: list[float] = []
        self.ends: list[float] = []
        moment = first.astimezone(UTC)
        while hours and moment < last:
            opening = business.next_opening(moment)
            moment = business.next_closing(opening)
            self.starts.append(opening.timestamp())
            self.ends.append(moment.timestamp())

    def is_working(self, t: float) -> bool:
        i = bisect_right(self.ends, t)
        return i < len(self.starts) and self.starts[i] <= t

    def next_working(self, t: float) -> float:
        """`t` itself when at work, else the start of the next working interval."""
        i = bisect_right(self.ends, t)
        return max(self.starts[i], t) if i < len(self.starts) else INFINITY

    def shift_end(self, t: float) -> float:
        """The end of the working interval `t` falls in, or of the next one."""
        i = bisect_right(self.ends, t)
        return self.ends[i] if i < len(self.ends) else INFINITY

    def add_working(self, t: float, seconds: float) -> float:
        """When `seconds` of working time after `t` have passed (counted from the next
        opening when `t` is outside working hours)."""
        i = bisect_right(self.ends, t)
        while i < len(self.starts):
            t = max(t, self.starts[i])
            if seconds <= self.ends[i] - t:
                return t + seconds
            seconds -= self.ends[i] - t
            i += 1
        return INFINITY
