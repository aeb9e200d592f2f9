"""Report periods: ISO weeks in the report's time zone. Pure Python, no Django.

A week runs from Monday 00:00 to the next Monday 00:00 in its time zone (half open: an
instant exactly at the end belongs to the next week). Its bounds are kept in UTC, so a week
that contains a DST change is 167 or 169 hours long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from sunrelay.lib import bounds

WEEK_PATTERN = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int
    zone: str = "UTC"

    def __post_init__(self):
        date.fromisocalendar(self.year, self.number, 1)  # ValueError for week 53 of a 52-week year
        ZoneInfo(self.zone)

    @classmethod
    def parse(cls, text: str, zone: str = "UTC") -> Week:
        """ "2026-W47" (also "2026W47", "2026-w47")."""
        match = WEEK_PATTERN.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not an ISO week such as 2026-W47")
        bounds.check_year(int(match[1]))
        try:
            return cls(int(match[1]), int(match[2]), zone)
        except ValueError:
            raise ValueError(f"{text!r} is not a week of {match[1]}") from None

    @classmethod
    def containing(cls, instant: datetime, zone: str = "UTC") -> Week:
        local = instant.astimezone(ZoneInfo(zone))
        year, number, _ = local.isocalendar()
        return cls(year, number, zone)

    @classmethod
    def last_complete(cls, now: datetime, zone: str = "UTC") -> Week:
        """The most recent week that has ended at `now`."""
        return cls.containing(now, zone).shift(-1)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @cached_property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @cached_property
    def start(self) -> datetime:
        return local_midnight(self.monday, self.zone)

    @cached_property
    def end(self) -> datetime:
        return local_midnight(self.monday + timedelta(days=7), self.zone)

    def shift(self, weeks: int) -> Week:
        year, number, _ = (self.monday + timedelta(weeks=weeks)).isocalendar()
        return Week(year, number, self.zone)

    def previous(self) -> Week:
        return self.shift(-1)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def title(self) -> str:
        """ "Week 47, 16–22 Nov 2026"."""
        first, last = self.monday, self.monday + timedelta(days=6)
        if first.month == last.month:
            span = f"{first.day}–{last.day} {last:%b %Y}"
        elif first.year == last.year:
            span = f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
        else:
            span = f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
        return f"Week {self.number}, {span}"

    def __str__(self) -> str:
        return self.label


def local_midnight(day: date, zone: str) -> datetime:
    # fold=0: a midnight skipped by a DST change is read as the first instant after the gap.
    local = datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))
    return datetime.fromtimestamp(local.timestamp(), UTC)


def weeks_ending(last: Week, count: int) -> list[Week]:
    """`count` consecutive weeks, oldest first, the last one being `last`."""
    return [last.shift(i - count + 1) for i in range(count)]
