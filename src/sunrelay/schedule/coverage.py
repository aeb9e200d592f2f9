"""The coverage map: who is on shift in each hour of a week, region by region, and where an
SLA clock runs while nobody works. Pure Python, no Django.

The week is 168 hours in UTC, Monday 00:00 to Monday 00:00, so a daylight-saving change in
any region moves that region's local labels, never the rows. A person counts in an hour when
on shift for any part of it; the hour is covered by the minutes anybody is on shift.
An hour is *exposed* when some SLA clock runs in a part of it nobody covers: a calendar-time
target always runs, a business-time target runs while its calendar is open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sunrelay.lib import bounds
from sunrelay.schedule.shifts import Person

HOUR = timedelta(hours=1)
WEEK = timedelta(days=7)
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_start(iso_week: str) -> datetime:
    """Monday 00:00 UTC of an ISO week such as "2026-W48"; ValueError for anything else."""
    match = ISO_WEEK.match(iso_week or "")
    if not match:
        raise ValueError(f"{iso_week!r} is not an ISO week such as 2026-W48")
    year, week = int(match.group(1)), int(match.group(2))
    bounds.check_year(year)
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{year} has no week {week}") from None
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC)


def iso_week(instant: datetime) -> str:
    """The ISO week of an instant, read in UTC: "2026-W48"."""
    year, week, _ = instant.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Clock:
    """An SLA target that may run while nobody works."""

    label: str  # e.g. "Enterprise: first reply, calendar time"
    tiers: frozenset[str]  # the account tiers it applies to (spell out "every tier")
    calendar: object = None  # None: calendar time; else a BusinessCalendar it counts on


@dataclass(frozen=True)
class Region:
    zone: str
    cities: tuple[str, ...]

    @property
    def label(self) -> str:
        return " · ".join(self.cities) or self.zone.rsplit("/", 1)[-1].replace("_", " ")


@dataclass(frozen=True)
class OnShift:
    person: Person
    minutes: int  # of this hour


@dataclass(frozen=True)
class RegionHour:
    local_start: datetime  # the hour's start in the region's own time zone
    people: tuple[OnShift, ...]


@dataclass(frozen=True)
class HourCoverage:
    start: datetime  # UTC
    regions: tuple[RegionHour, ...]  # in the order of CoverageWeek.regions
    covered_minutes: int
    exposed_tiers: tuple[str, ...]  # tiers whose SLA clock runs in an uncovered part
    exposed_clocks: tuple[str, ...]  # the labels of those clocks

    @property
    def on_shift(self) -> int:
        return sum(len(r.people) for r in self.regions)

    @property
    def state(self) -> str:
        """covered | partial (some minutes uncovered) | gap (nobody) | exposed (a clock runs)."""
        if self.exposed_clocks:
            return "exposed"
        if self.covered_minutes >= 60:
            return "covered"
        return "partial" if self.covered_minutes else "gap"


@dataclass(frozen=True)
class CoverageWeek:
    start: datetime
    regions: tuple[Region, ...]
    hours: tuple[HourCoverage, ...]  # 168, from Monday 00:00 UTC

    @property
    def end(self) -> datetime:
        return self.start + WEEK

    def days(self) -> list[tuple[HourCoverage, ...]]:
        return [self.hours[i : i + 24] for i in range(0, len(self.hours), 24)]


Span = tuple[datetime, datetime]


def shift_spans(person: Person, start: datetime, end: datetime) -> list[Span]:
    """The person's shifts overlapping [start, end), clipped to it, in order (UTC)."""
    if not person.hours:
        return []
    spans: list[Span] = []
    cursor = start
    while cursor < end:
        try:
            opening = person.calendar.next_opening(cursor)
        except ValueError:  # never works again (away for years)
            break
        if opening >= end:
            break
        closing = person.calendar.next_closing(opening)
        spans.append((max(opening, start), min(closing, end)))
        if closing <= cursor:
            break
        cursor = closing
    return spans


def _overlap(spans: Iterable[Span], start: datetime, end: datetime) -> list[Span]:
    return [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]


def _uncovered(covered: Sequence[Span], start: datetime, end: datetime) -> list[Span]:
    """[start, end) minus the union of `covered` (clipped spans, any order)."""
    holes, cursor = [], start
    for s, e in sorted(covered):
        if s > cursor:
            holes.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < end:
        holes.append((cursor, end))
    return holes


def _minutes(spans: Iterable[Span]) -> int:
    return round(sum((e - s).total_seconds() for s, e in spans) / 60)


def _runs(clock: Clock, holes: Sequence[Span]) -> bool:
    if clock.calendar is None:
        return bool(holes)
    return any(clock.calendar.minutes_between(s, e) > 0 for s, e in holes)


def _regions(people: Sequence[Person], at: datetime) -> tuple[Region, ...]:
    cities: dict[str, set[str]] = {}
    for person in people:
        cities.setdefault(person.region, set())
        if person.location:
            cities[person.region].add(person.location)

    def east_to_west(zone: str):
        return (-at.astimezone(ZoneInfo(zone)).utcoffset().total_seconds(), zone)

    return tuple(
        Region(zone, tuple(sorted(cities[zone]))) for zone in sorted(cities, key=east_to_west)
    )


def weekly_coverage(
    people: Iterable[Person], start: datetime, clocks: Iterable[Clock] = ()
) -> CoverageWeek:
    """Coverage of the 168 hours from `start` (Monday 00:00 UTC, see week_start()).

    `people` are everyone who could work (their time off already in Person.away); people
    without working hours are left out of the regions.
    """
    start = start.astimezone(UTC)
    end = start + WEEK
    workers = [p for p in people if p.hours]
    regions = _regions(workers, start)
    zones = {region.zone: ZoneInfo(region.zone) for region in regions}
    spans = {p.id: shift_spans(p, start, end) for p in workers}
    by_region = {region.zone: [p for p in workers if p.region == region.zone] for region in regions}
    clocks = list(clocks)
    hours = []
    for i in range(168):
        h_start = start + i * HOUR
        h_end = h_start + HOUR
        region_hours, covered = [], []
        for region in regions:
            present = []
            for person in by_region[region.zone]:
                part = _overlap(spans[person.id], h_start, h_end)
                if part:
                    present.append(OnShift(person, _minutes(part)))
                    covered.extend(part)
            region_hours.append(RegionHour(h_start.astimezone(zones[region.zone]), tuple(present)))
        holes = _uncovered(covered, h_start, h_end)
        running = [c for c in clocks if _runs(c, holes)] if holes else []
        hours.append(
            HourCoverage(
                start=h_start,
                regions=tuple(region_hours),
                covered_minutes=60 - _minutes(holes),
                exposed_tiers=tuple(sorted({t for c in running for t in c.tiers})),
                exposed_clocks=tuple(c.label for c in running),
            )
        )
    return CoverageWeek(start=start, regions=regions, hours=tuple(hours))
