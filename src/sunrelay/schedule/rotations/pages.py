"""What the rotation pages show, computed from one resolution: on call now and next, the
timeline of the coming weeks as day bars and rows, gaps and time-off conflicts marked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sunrelay.lib.formatting import person
from sunrelay.schedule import oncall
from sunrelay.schedule.rotations.resolve import Shift
from sunrelay.sla.calendar import local_to_utc


def _name(user) -> str:
    return person(user) or "Nobody"


@dataclass
class Row:
    shift: Shift
    person: object | None
    label: str  # the layer's name or the override's reason
    hue: int

    @property
    def is_gap(self) -> bool:
        return self.shift.person is None

    @property
    def name(self) -> str:
        return _name(self.person)


@dataclass
class Bar:
    row: Row
    left: float  # percent of the day
    width: float


@dataclass
class Day:
    day: date
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Summary:
    loaded: oncall.Loaded
    now: Row
    next: Row | None


def _hue(person_id: int | None) -> int:
    return 0 if person_id is None else (person_id * 67) % 360


def rows_of(loaded: oncall.Loaded, shifts: list[Shift]) -> list[Row]:
    users = oncall.users_by_id(s.person for s in shifts)
    rows = []
    for s in shifts:
        if s.source == "override":
            o = loaded.override_of(s)
            label = f"Override{': ' + o.reason if o and o.reason else ''}"
        elif s.source == "layer":
            label = str(loaded.layer_of(s))
        else:
            label = "Gap: nobody on call"
        rows.append(Row(s, users.get(s.person), label, _hue(s.person)))
    return rows


def summaries(now: datetime) -> list[Summary]:
    result = []
    for loaded in oncall.load_all(now):
        found = oncall.on_call(loaded, now)
        shifts = [found.current] + ([found.next] if found.next else [])
        rows = rows_of(loaded, shifts)
        result.append(Summary(loaded, rows[0], rows[1] if len(rows) > 1 else None))
    return result


def window(zone: str, now: datetime, weeks: int) -> tuple[datetime, datetime]:
    """From the start of today to `weeks` weeks later, in the rotation's local days."""
    today = now.astimezone(ZoneInfo(zone)).date()
    start = local_to_utc(datetime.combine(today, time()), zone)
    end = local_to_utc(datetime.combine(today + timedelta(weeks=weeks), time()), zone)
    return start, end


def days_of(rows: list[Row], zone: str, start: datetime, end: datetime) -> list[Day]:
    """The rows as bars on each local day from `start` to `end`, in percent of that day's
    elapsed length: 23 or 25 hours on DST days."""
    tz = ZoneInfo(zone)
    days = []
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    i = 0
    while day < last:
        # In UTC, so differences are elapsed time (in one zone they would be wall-clock time).
        a = local_to_utc(datetime.combine(day, time()), tz)
        b = local_to_utc(datetime.combine(day + timedelta(days=1), time()), tz)
        length = (b - a).total_seconds()
        entry = Day(day)
        while i < len(rows) and rows[i].shift.end <= a:
            i += 1
        j = i
        while j < len(rows) and rows[j].shift.start < b:
            s, e = max(rows[j].shift.start, a), min(rows[j].shift.end, b)
            left = (s - a).total_seconds() / length * 100
            width = (e - s).total_seconds() / length * 100
            entry.bars.append(Bar(rows[j], round(left, 3), round(width, 3)))
            j += 1
        days.append(entry)
        day += timedelta(days=1)
    return days
