"""Business-hours arithmetic on a weekly calendar with holidays. Pure Python, no Django.

A calendar has an IANA time zone, weekly working intervals in local wall-clock time and
holiday dates. The rules at the edges, chosen once and tested:

- An interval whose end is not after its start runs past midnight; end == start is 24 h.
- An interval belongs to the local date it starts on: a shift that starts on a working day
  is worked whole, one that starts on a holiday is not worked at all.
- A local time that does not exist (the spring-forward gap) is read like PEP 495's fold=0
  and dateutil's resolve_imaginary: the same wall-clock reading shifted forward by the gap
  (02:30 on the spring-forward night in New York is 03:30 EDT).
- A local time that exists twice (the autumn overlap) is its first occurrence.
- Overlapping or touching intervals count once.

Internally the calendar compiles its intervals to UTC epoch seconds with running totals
for whole years at a time, so each question is a binary search rather than a day-by-day walk.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# How far `add` looks ahead before deciding that a calendar never opens again.
MAX_YEARS_AHEAD = 10


@dataclass(frozen=True, order=True)
class WeeklyInterval:
    weekday: int  # Monday = 0 … Sunday = 6, the day the interval starts
    start: time
    end: time

    def __post_init__(self):
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {self.weekday}")


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("business-hours math needs time-zone-aware datetimes")
    return instant


class BusinessCalendar:
    def __init__(
        self,
        time_zone: str,
        intervals: Iterable[WeeklyInterval],
        holidays: Iterable[date] = (),
    ):
        self.time_zone = time_zone
        self.zone = ZoneInfo(time_zone)
        self.intervals = tuple(sorted(intervals))
        self.holidays = frozenset(holidays)
        self._by_weekday: list[list[WeeklyInterval]] = [[] for _ in range(7)]
        for interval in self.intervals:
            self._by_weekday[interval.weekday].append(interval)
        self._first_year = self._last_year = None  # compiled span, inclusive
        self._starts: list[float] = []
        self._ends: list[float] = []
        self._before: list[float] = []  # business seconds before each interval
        self._through: list[float] = []  # business seconds through the end of each interval

    # -- compiling -------------------------------------------------------------------------

    def _epoch(self, wall: datetime) -> float:
        return wall.replace(tzinfo=self.zone).timestamp()  # fold=0: see module docstring

    def _compile(self, first_year: int, last_year: int) -> None:
        spans: list[list[float]] = []
        day = date(first_year, 1, 1) - timedelta(days=1)  # a night shift from 31 Dec
        last = date(last_year, 12, 31)
        while day <= last:
            if day not in self.holidays:
                for interval in self._by_weekday[day.weekday()]:
                    start = datetime.combine(day, interval.start)
                    end_day = day if interval.end > interval.start else day + timedelta(days=1)
                    end = datetime.combine(end_day, interval.end)
                    s, e = self._epoch(start), self._epoch(end)
                    if e > s:
                        spans.append([s, e])
            day += timedelta(days=1)
        spans.sort()
        merged: list[list[float]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]
        total = 0.0
        self._before, self._through = [], []
        for s, e in merged:
            self._before.append(total)
            total += e - s
            self._through.append(total)
        self._first_year, self._last_year = first_year, last_year

    def _cover(self, epoch: float) -> None:
        year = datetime.fromtimestamp(epoch, UTC).year
        if self._first_year is None:
            self._compile(year - 1, year + 1)
        elif year - 1 < self._first_year or year + 1 > self._last_year:
            self._compile(min(year - 1, self._first_year), max(year + 1, self._last_year))

    def _extend(self, since: float) -> None:
        """Compile further ahead, doubling the span, up to MAX_YEARS_AHEAD past `since`."""
        limit = datetime.fromtimestamp(since, UTC).year + MAX_YEARS_AHEAD
        if self._last_year >= limit:
            raise ValueError(f"the calendar has no working time in the next {MAX_YEARS_AHEAD} years")
        span = self._last_year - self._first_year + 1
        self._compile(self._first_year, min(limit, self._last_year + span))

    def _position(self, epoch: float) -> float:
        """Business seconds from the start of the compiled span to `epoch`."""
        i = bisect_right(self._starts, epoch) - 1
        if i < 0:
            return 0.0
        return self._before[i] + min(epoch, self._ends[i]) - self._starts[i]

    # -- questions ---------------------------------------------------------------------------

    def add(self, start: datetime, minutes: float) -> datetime:
        """The instant (UTC) at which `minutes` business minutes have passed since `start`.

        Zero minutes gives `start` back; a deadline reached exactly at closing time is the
        closing time, not the next opening.
        """
        s = _aware(start).timestamp()
        if minutes <= 0:
            return start.astimezone(UTC)
        self._cover(s)
        target = self._position(s) + minutes * 60
        while not (self._through and target <= self._through[-1]):
            self._extend(s)
        j = bisect_left(self._through, target)
        return datetime.fromtimestamp(self._starts[j] + target - self._before[j], UTC)

    def minutes_between(self, start: datetime, end: datetime) -> float:
        """Business minutes from `start` to `end` (negative when `end` is earlier)."""
        a, b = _aware(start).timestamp(), _aware(end).timestamp()
        self._cover(a)
        self._cover(b)
        return (self._position(b) - self._position(a)) / 60

    def is_open(self, instant: datetime) -> bool:
        t = _aware(instant).timestamp()
        self._cover(t)
        i = bisect_right(self._starts, t) - 1
        return i >= 0 and t < self._ends[i]

    def next_opening(self, instant: datetime) -> datetime:
        """`instant` itself when open, else the start of the next working interval (UTC)."""
        t = _aware(instant).timestamp()
        self._cover(t)
        if self.is_open(instant):
            return instant.astimezone(UTC)
        while True:
            i = bisect_right(self._starts, t)
            if i < len(self._starts):
                return datetime.fromtimestamp(self._starts[i], UTC)
            self._extend(t)

    def next_closing(self, instant: datetime) -> datetime:
        """The end of the working interval `instant` falls in, or of the next one (UTC)."""
        opening = self.next_opening(instant).timestamp()
        i = bisect_right(self._starts, opening) - 1
        return datetime.fromtimestamp(self._ends[i], UTC)


class AlwaysOpen:
    """Calendar time: every minute counts. Same questions as BusinessCalendar."""

    time_zone = "UTC"

    def add(self, start: datetime, minutes: float) -> datetime:
        return _aware(start).astimezone(UTC) + timedelta(minutes=max(minutes, 0))

    def minutes_between(self, start: datetime, end: datetime) -> float:
        # Timestamps, not datetime subtraction: two datetimes in the same zone subtract
        # by wall clock and would miss the DST hour.
        return (_aware(end).timestamp() - _aware(start).timestamp()) / 60

    def is_open(self, instant: datetime) -> bool:
        _aware(instant)
        return True

    def next_opening(self, instant: datetime) -> datetime:
        return _aware(instant).astimezone(UTC)
