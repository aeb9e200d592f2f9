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

`local_to_utc` applies the two DST rules to any wall-clock reading (rotations, forms, the
API read local times through it); given the zone's UTC offset it takes that occurrence
instead, so the second 01:30 of an autumn night can be named.

Internally the calendar compiles its intervals to UTC epoch seconds with running totals
for whole years at a time, so each question is a binary search rather than a day-by-day walk.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
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


def _offsets_at(wall: datetime, zone: tzinfo) -> list[timedelta]:
    """The UTC offsets at which `zone`'s clocks show `wall`: none in a spring-forward gap,
    two in an autumn overlap (first occurrence first), else one."""
    found = []
    for fold in (0, 1):
        reading = wall.replace(tzinfo=zone, fold=fold)
        offset = reading.utcoffset()
        back = (wall - offset).replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
        if back == wall and offset not in found:
            found.append(offset)
    return found


def format_offset(offset: timedelta) -> str:
    """+01:00, -05:00, +05:45."""
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_epoch(wall: datetime, zone: tzinfo) -> float:
    """local_to_utc without an offset, as epoch seconds: the calendars' rule itself, for the
    loops that compile calendars and rotations. PEP 495's fold=0 reads a time in the gap
    shifted forward by it and a doubled time as its first occurrence."""
    return wall.replace(tzinfo=zone, fold=0).timestamp()


def local_to_utc(wall: datetime, zone: str | tzinfo, offset: timedelta | None = None) -> datetime:
    """The instant (UTC) at which the clocks of `zone` show the naive reading `wall`.

    Without `offset`, by the rules in this module's docstring: a reading in the
    spring-forward gap is shifted forward by the gap, a doubled one is its first
    occurrence. With `offset`, the occurrence at that UTC offset (the second 01:30 of an
    autumn night is 01:30 at the winter offset); ValueError, in words, when the zone's
    clocks do not show `wall` at that offset.
    """
    if wall.tzinfo is not None:
        raise ValueError("a wall-clock reading has no time zone of its own")
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    if offset is None:
        return datetime.fromtimestamp(local_epoch(wall, tz), UTC)
    offsets = _offsets_at(wall, tz)
    if offset in offsets:
        return (wall - offset).replace(tzinfo=UTC)
    moment = f"{wall:%H:%M} on {wall.day} {wall:%b %Y}"
    if not offsets:
        shifted = local_to_utc(wall, tz).astimezone(tz)
        raise ValueError(
            f"{moment} does not exist in {tz}: the clocks go forward past it. "
            f"Without an offset it is read as {shifted:%H:%M}."
        )
    known = " or ".join(f"UTC{format_offset(o)}" for o in offsets)
    raise ValueError(f"{tz} is at {known} then, not UTC{format_offset(offset)} ({moment}).")


def zone_offsets(zone: str | tzinfo, around: datetime) -> list[timedelta]:
    """The UTC offsets `zone` uses from a year before `around` to two years after, sorted:
    the choices for naming one occurrence of a doubled local time."""
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    start = _aware(around).astimezone(UTC) - timedelta(days=365)
    seen = {(start + timedelta(days=d)).astimezone(tz).utcoffset() for d in range(0, 3 * 365, 5)}
    return sorted(seen)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("business-hours math needs time-zone-aware datetimes")
    return instant


@dataclass(frozen=True)
class _Index:
    """Working intervals of whole years, compiled to UTC epoch seconds. Replaced, never
    changed, so a calendar shared between threads is always read consistently."""

    first_year: int
    last_year: int
    starts: list[float]
    ends: list[float]
    before: list[float]  # business seconds before each interval
    through: list[float]  # business seconds through the end of each interval

    def position(self, epoch: float) -> float:
        """Business seconds from the start of the compiled span to `epoch`."""
        i = bisect_right(self.starts, epoch) - 1
        if i < 0:
            return 0.0
        return self.before[i] + min(epoch, self.ends[i]) - self.starts[i]


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
        self._index: _Index | None = None

    # -- compiling -------------------------------------------------------------------------

    def _epoch(self, wall: datetime) -> float:
        return local_epoch(wall, self.zone)

    def _compile(self, first_year: int, last_year: int) -> _Index:
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
        before, through, total = [], [], 0.0
        for s, e in merged:
            before.append(total)
            total += e - s
            through.append(total)
        index = _Index(
            first_year, last_year, [s for s, _ in merged], [e for _, e in merged], before, through
        )
        self._index = index
        return index

    def _cover(self, *epochs: float) -> _Index:
        """An index covering the years around every epoch given."""
        years = [datetime.fromtimestamp(e, UTC).year for e in epochs]
        lo, hi = min(years) - 1, max(years) + 1
        index = self._index
        if index is None:
            return self._compile(lo, hi)
        if lo < index.first_year or hi > index.last_year:
            return self._compile(min(lo, index.first_year), max(hi, index.last_year))
        return index

    def _extend(self, index: _Index, since: float) -> _Index:
        """Compile further ahead, doubling the span, up to MAX_YEARS_AHEAD past `since`."""
        limit = datetime.fromtimestamp(since, UTC).year + MAX_YEARS_AHEAD
        if index.last_year >= limit:
            raise ValueError(
                f"the calendar has no working time in the next {MAX_YEARS_AHEAD} years"
            )
        span = index.last_year - index.first_year + 1
        return self._compile(index.first_year, min(limit, index.last_year + span))

    # -- questions ---------------------------------------------------------------------------

    def add(self, start: datetime, minutes: float) -> datetime:
        """The instant (UTC) at which `minutes` business minutes have passed since `start`.

        Zero minutes gives `start` back; a deadline reached exactly at closing time is the
        closing time, not the next opening.
        """
        s = _aware(start).timestamp()
        if minutes <= 0:
            return start.astimezone(UTC)
        ix = self._cover(s)
        target = ix.position(s) + minutes * 60
        while not (ix.through and target <= ix.through[-1]):
            ix = self._extend(ix, s)
        j = bisect_left(ix.through, target)
        return datetime.fromtimestamp(ix.starts[j] + target - ix.before[j], UTC)

    def minutes_between(self, start: datetime, end: datetime) -> float:
        """Business minutes from `start` to `end` (negative when `end` is earlier)."""
        a, b = _aware(start).timestamp(), _aware(end).timestamp()
        ix = self._cover(a, b)
        return (ix.position(b) - ix.position(a)) / 60

    def is_open(self, instant: datetime) -> bool:
        t = _aware(instant).timestamp()
        ix = self._cover(t)
        i = bisect_right(ix.starts, t) - 1
        return i >= 0 and t < ix.ends[i]

    def next_opening(self, instant: datetime) -> datetime:
        """`instant` itself when open, else the start of the next working interval (UTC)."""
        t = _aware(instant).timestamp()
        ix = self._cover(t)
        i = bisect_right(ix.starts, t) - 1
        if i >= 0 and t < ix.ends[i]:
            return instant.astimezone(UTC)
        while True:
            i = bisect_right(ix.starts, t)
            if i < len(ix.starts):
                return datetime.fromtimestamp(ix.starts[i], UTC)
            ix = self._extend(ix, t)

    def next_closing(self, instant: datetime) -> datetime:
        """The end of the working interval `instant` falls in, or of the next one (UTC)."""
        opening = self.next_opening(instant).timestamp()
        ix = self._cover(opening)
        i = bisect_right(ix.starts, opening) - 1
        return datetime.fromtimestamp(ix.ends[i], UTC)


@lru_cache(maxsize=1024)
def shared_calendar(
    time_zone: str, intervals: tuple[WeeklyInterval, ...], holidays: frozenset[date] = frozenset()
) -> BusinessCalendar:
    """One compiled calendar per distinct definition, shared by everyone who asks: a
    person's week is compiled once per process, not once per page view."""
    return BusinessCalendar(time_zone, intervals, holidays)


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
