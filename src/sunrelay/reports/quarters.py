"""Quarters in the report's time zone, the period of the pre-sales figures: "2026-Q4" runs
from 1 October 00:00 to 1 January 00:00 local time (half open), its bounds kept in UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from sunrelay.lib import bounds
from sunrelay.reports.periods import local_midnight

QUARTER_PATTERN = re.compile(r"^\s*(\d{4})-?Q([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1-4
    zone: str = "UTC"

    @classmethod
    def parse(cls, text: str, zone: str = "UTC") -> Quarter:
        """ "2026-Q4" (also "2026Q4", "2026-q4")."""
        match = QUARTER_PATTERN.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a quarter such as 2026-Q4")
        bounds.check_year(int(match[1]))
        return cls(int(match[1]), int(match[2]), zone)

    @classmethod
    def containing(cls, instant: datetime, zone: str = "UTC") -> Quarter:
        local = instant.astimezone(ZoneInfo(zone))
        return cls(local.year, (local.month - 1) // 3 + 1, zone)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @cached_property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @cached_property
    def start(self) -> datetime:
        return local_midnight(self.first_day, self.zone)

    @cached_property
    def end(self) -> datetime:
        return self.shift(1).start

    def shift(self, quarters: int) -> Quarter:
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1, self.zone)

    def previous(self) -> Quarter:
        return self.shift(-1)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def title(self) -> str:
        """ "Q4 2026 (October–December)"."""
        last = date(self.year, 3 * self.number, 1)
        return f"Q{self.number} {self.year} ({self.first_day:%B}–{last:%B})"

    def __str__(self) -> str:
        return self.label


def requested(text: str, now: datetime, zone: str) -> Quarter:
    """The quarter a page or the API asks for: `text` ("2026-Q4"), or the quarter running at
    `now` when empty. ValueError, in words, for anything else or a quarter not begun."""
    if not (text or "").strip():
        return Quarter.containing(now, zone)
    quarter = Quarter.parse(text, zone)
    if quarter.start > now:
        raise ValueError(f"{quarter.label} has not begun yet.")
    return quarter
