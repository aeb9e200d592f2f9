"""Who works when: people's weekly hours in their own time zone, minus their time off.

Pure Python. A person's shifts are a BusinessCalendar in their time zone whose holidays are
their days away, so "on shift", "when does this shift end" and "when is the next one" are
the calendar's own questions, DST included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sunrelay.sla.calendar import BusinessCalendar, WeeklyInterval, shared_calendar


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    time_zone: str
    location: str = ""
    roles: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    hours: tuple[WeeklyInterval, ...] = ()
    away: frozenset[date] = frozenset()
    calendar: BusinessCalendar = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(
            self, "calendar", shared_calendar(self.time_zone, tuple(sorted(self.hours)), self.away)
        )

    @property
    def region(self) -> str:
        """Follow-the-sun regions are time zones: Madrid and Valencia work as one."""
        return self.time_zone

    def on_shift(self, now: datetime) -> bool:
        return bool(self.hours) and self.calendar.is_open(now)

    def is_away(self, now: datetime) -> bool:
        return now.astimezone(self.calendar.zone).date() in self.away

    def shift_end(self, now: datetime) -> datetime | None:
        """End of the current shift (None when off shift)."""
        return self.calendar.next_closing(now) if self.on_shift(now) else None

    def next_shift_start(self, after: datetime) -> datetime | None:
        """Start of the next shift beginning strictly after `after` (None: never works)."""
        if not self.hours:
            return None
        try:
            end = self.calendar.next_closing(after) if self.on_shift(after) else after
            return self.calendar.next_opening(end + timedelta(seconds=1))
        except ValueError:
            return None


def on_shift(
    people: Iterable[Person], now: datetime, *, role: str | None = None, level: str | None = None
) -> list[Person]:
    """People working at `now` (not away), optionally holding `role` and working `level`."""
    return [
        p
        for p in people
        if (role is None or role in p.roles)
        and (level is None or level in p.levels)
        and p.on_shift(now)
    ]
