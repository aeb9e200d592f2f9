"""The leadership report's periods: an ISO week, a calendar month or a (fiscal) quarter in the
report's time zone, each with the period before and the same period a year earlier. Pure
Python, no Django.

Months are named "2026-11". Quarters are named "2026-Q4" and follow the fiscal year that
starts in `fiscal_start` (1 = January: calendar quarters). A fiscal year is named by the
calendar year it ends in: with a February start, FY2027 runs from 1 February 2026, so
"2027-Q1" is February–April 2026. Bounds are local midnights kept in UTC, half open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from sunrelay.lib import bounds
from sunrelay.reports.periods import Week, local_midnight

KINDS = ("week", "month", "quarter")
MONTH_PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
QUARTER_PATTERN = re.compile(r"^\s*(\d{4})-?Q([1-4])\s*$", re.IGNORECASE)
# How many of each kind make a year: the reference "same period last year".
PER_YEAR = {"week": 52, "month": 12, "quarter": 4}


@dataclass(frozen=True, order=True)
class Span:
    kind: str  # week | month | quarter
    year: int  # the ISO year, the calendar year, or the fiscal year
    number: int  # the ISO week, the month (1-12) or the quarter (1-4)
    zone: str = "UTC"
    fiscal_start: int = 1  # the month the fiscal year starts in (quarters only)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.kind!r} is not a kind of period: {', '.join(KINDS)}.")
        if not 1 <= self.fiscal_start <= 12:
            raise ValueError("The fiscal year starts in a month from 1 to 12.")
        if self.kind == "week":
            Week(self.year, self.number, self.zone)
        elif not 1 <= self.number <= (12 if self.kind == "month" else 4):
            raise ValueError(f"{self.number} is not a {self.kind} of the year.")
        ZoneInfo(self.zone)

    @classmethod
    def parse(cls, kind: str, text: str, zone: str = "UTC", fiscal_start: int = 1) -> Span:
        """ "2026-W47", "2026-11" or "2026-Q4", as `kind` says."""
        if kind == "week":
            week = Week.parse(text, zone)
            return cls("week", week.year, week.number, zone, fiscal_start)
        pattern, example = (
            (MONTH_PATTERN, "2026-11") if kind == "month" else (QUARTER_PATTERN, "2026-Q4")
        )
        if kind not in KINDS:
            raise ValueError(f"{kind!r} is not a kind of period: {', '.join(KINDS)}.")
        match = pattern.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a {kind} such as {example}")
        bounds.check_year(int(match[1]))
        return cls(kind, int(match[1]), int(match[2]), zone, fiscal_start)

    @classmethod
    def containing(cls, kind: str, instant: datetime, zone: str = "UTC", fiscal_start: int = 1):
        local = instant.astimezone(ZoneInfo(zone))
        if kind == "week":
            year, number, _ = local.isocalendar()
            return cls("week", year, number, zone, fiscal_start)
        if kind == "month":
            return cls("month", local.year, local.month, zone, fiscal_start)
        # Months since the start of fiscal year 0's first quarter.
        index = (local.year * 12 + local.month - 1 - (fiscal_start - 1)) // 3
        return cls._quarter(index, zone, fiscal_start)

    @classmethod
    def last_complete(cls, kind: str, now: datetime, zone: str = "UTC", fiscal_start: int = 1):
        return cls.containing(kind, now, zone, fiscal_start).shift(-1)

    @classmethod
    def _quarter(cls, index: int, zone: str, fiscal_start: int) -> Span:
        """The quarter `index` quarters after the one starting in fiscal_start of year 0."""
        year, number = divmod(index, 4)
        # Named by the calendar year the fiscal year ends in.
        return cls("quarter", year + (1 if fiscal_start > 1 else 0), number + 1, zone, fiscal_start)

    @property
    def _index(self) -> int:
        if self.kind == "month":
            return self.year * 12 + self.number - 1
        return (self.year - (1 if self.fiscal_start > 1 else 0)) * 4 + self.number - 1

    @property
    def label(self) -> str:
        if self.kind == "week":
            return f"{self.year}-W{self.number:02d}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-Q{self.number}"

    @cached_property
    def first_day(self) -> date:
        if self.kind == "week":
            return date.fromisocalendar(self.year, self.number, 1)
        if self.kind == "month":
            return date(self.year, self.number, 1)
        months = self._index * 3 + self.fiscal_start - 1
        return date(months // 12, months % 12 + 1, 1)

    @cached_property
    def start(self) -> datetime:
        return local_midnight(self.first_day, self.zone)

    @cached_property
    def end(self) -> datetime:
        return self.shift(1).start

    def shift(self, periods: int) -> Span:
        if self.kind == "week":
            week = Week(self.year, self.number, self.zone).shift(periods)
            return Span("week", week.year, week.number, self.zone, self.fiscal_start)
        if self.kind == "month":
            year, month = divmod(self._index + periods, 12)
            return Span("month", year, month + 1, self.zone, self.fiscal_start)
        return Span._quarter(self._index + periods, self.zone, self.fiscal_start)

    def previous(self) -> Span:
        return self.shift(-1)

    def year_before(self) -> Span:
        """The same period a year earlier (for weeks: 52 weeks earlier)."""
        return self.shift(-PER_YEAR[self.kind])

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def title(self) -> str:
        """ "November 2026", "Q4 2026 (October–December)", "Week 47, 16–22 Nov 2026"."""
        if self.kind == "week":
            return Week(self.year, self.number, self.zone).title()
        if self.kind == "month":
            return f"{self.first_day:%B %Y}"
        last = self.shift(1).first_day.replace(day=1)
        last_month = date(last.year - (last.month == 1), (last.month - 2) % 12 + 1, 1)
        fiscal = "FY" if self.fiscal_start > 1 else ""
        return f"Q{self.number} {fiscal}{self.year} ({self.first_day:%B}–{last_month:%B})"

    def __str__(self) -> str:
        return self.label


def ending(last: Span, count: int) -> list[Span]:
    """`count` consecutive periods, oldest first, the last one being `last`."""
    return [last.shift(i - count + 1) for i in range(count)]
