"""Rotation resolution: layers, restrictions and overrides to the final on-call shifts.

Pure Python, no Django. The rules, chosen once and tested (tests/schedule/test_rotations*.py):

- A layer hands off at local wall-clock times: the k-th hand-off is the first hand-off plus k
  shift lengths (hours, days or weeks) on the wall clock of the layer's time zone. A weekly
  shift keeps its Monday 09:00 across DST, so the one over the change lasts 167 or 169 hours.
- Local times follow sla.calendar (local_epoch, local_to_utc): a hand-off in the spring-forward gap
  happens at the same wall-clock reading shifted forward by the gap (PEP 495 fold=0); one in
  the autumn overlap at its first occurrence. A shift that shrinks to nothing that way is
  skipped.
- Participants take shifts in order from the first hand-off; before it, and from the layer's
  end (`until`) on, the layer covers nothing.
- Restrictions (weekly windows in the layer's local time, like working hours) keep only the
  parts of each shift inside them; outside, the time falls through to lower layers.
- Later layers in the list beat earlier ones; overrides beat every layer; a later override
  beats an earlier one over the same time.
- Time nobody covers comes back as an explicit gap (person None).
- Shifts are not merged: back-to-back shifts of the same person stay separate shifts.
"""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sunrelay.sla.calendar import BusinessCalendar, WeeklyInterval, local_epoch, local_to_utc

UNITS = {"hours": timedelta(hours=1), "days": timedelta(days=1), "weeks": timedelta(weeks=1)}
LAYER, OVERRIDE, GAP = "layer", "override", "gap"
# How far "next on call" looks ahead.
NEXT_HORIZON = timedelta(days=120)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("rotations need time-zone-aware datetimes")
    return instant


def first_handoff(starts_on: date, at: time, weekday: int | None = None) -> datetime:
    """The first hand-off on or after `starts_on` at local time `at`, on `weekday` if given
    (Monday = 0). Naive: local wall-clock time."""
    days = 0 if weekday is None else (weekday - starts_on.weekday()) % 7
    return datetime.combine(starts_on + timedelta(days=days), at)


@dataclass(frozen=True)
class Layer:
    participants: tuple[int, ...]
    # Naive local wall-clock time at which the first participant's first shift begins.
    first_handoff: datetime
    length: int = 1
    unit: str = "weeks"
    time_zone: str = "UTC"
    until: datetime | None = None  # aware; the layer covers nothing from here on
    restrictions: tuple[WeeklyInterval, ...] = ()
    id: int | None = None
    name: str = ""

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"shift unit must be one of {', '.join(UNITS)}, not {self.unit!r}")
        if self.length < 1:
            raise ValueError("a shift lasts at least one unit")
        if self.first_handoff.tzinfo is not None:
            raise ValueError("first_handoff is a local wall-clock time (naive)")
        if self.until is not None:
            _aware(self.until)

    @property
    def step(self) -> timedelta:
        return UNITS[self.unit] * self.length


@dataclass(frozen=True)
class Override:
    person: int
    start: datetime
    end: datetime
    id: int | None = None

    def __post_init__(self):
        if _aware(self.end) <= _aware(self.start):
            raise ValueError("an override ends after it starts")


@dataclass(frozen=True)
class Shift:
    start: datetime  # UTC
    end: datetime  # UTC, exclusive
    person: int | None  # None: a gap
    source: str = GAP  # LAYER, OVERRIDE or GAP
    layer: int | None = None  # index of the layer in the rotation's list
    override: int | None = None  # index of the override in the rotation's list
    conflict: str = ""  # why the person cannot take it (time off), if they cannot

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


class _SharedCalendar:
    """A BusinessCalendar shared by every layer with the same windows: compiling one costs
    milliseconds, and rotations are read again for every question. The calendar compiles
    lazily, so calls take turns (the web server answers from several threads)."""

    def __init__(self, calendar: BusinessCalendar):
        self._calendar = calendar
        self._lock = threading.Lock()

    def is_open(self, instant: datetime) -> bool:
        with self._lock:
            return self._calendar.is_open(instant)

    def next_opening(self, instant: datetime) -> datetime:
        with self._lock:
            return self._calendar.next_opening(instant)

    def next_closing(self, instant: datetime) -> datetime:
        with self._lock:
            return self._calendar.next_closing(instant)


@lru_cache(maxsize=256)
def _restriction_calendar(zone: str, windows: tuple[WeeklyInterval, ...]) -> _SharedCalendar:
    return _SharedCalendar(BusinessCalendar(zone, windows))


class _Compiled:
    """One layer ready for questions: hand-offs as epoch seconds, restrictions as a calendar."""

    def __init__(self, layer: Layer):
        self.layer = layer
        self.zone = ZoneInfo(layer.time_zone)
        self.step = layer.step
        self.anchor = layer.first_handoff
        self.until = layer.until.timestamp() if layer.until is not None else None
        self.people = layer.participants
        self.calendar = (
            _restriction_calendar(layer.time_zone, tuple(sorted(layer.restrictions)))
            if layer.restrictions
            else None
        )

    def boundary(self, k: int) -> float:
        return local_epoch(self.anchor + k * self.step, self.zone)

    def index_at(self, ts: float) -> int:
        """k such that boundary(k) <= ts < boundary(k + 1)."""
        local = datetime.fromtimestamp(ts, self.zone).replace(tzinfo=None)
        k = (local - self.anchor) // self.step
        # The wall-clock estimate can be one off around DST changes; the epochs decide.
        while self.boundary(k) > ts:
            k -= 1
        while self.boundary(k + 1) <= ts:
            k += 1
        return k

    def person_at(self, ts: float) -> int | None:
        if not self.people or (self.until is not None and ts >= self.until):
            return None
        k = self.index_at(ts)
        if k < 0:
            return None
        if self.calendar is not None and not self.calendar.is_open(datetime.fromtimestamp(ts, UTC)):
            return None
        return self.people[k % len(self.people)]

    def pieces(self, a: float, b: float) -> Iterable[tuple[float, float, int]]:
        """(start, end, person) of the layer's shifts within [a, b), restrictions applied."""
        if not self.people:
            return
        end_of_layer = b if self.until is None else min(b, self.until)
        k = max(self.index_at(a), 0)
        while True:
            s = self.boundary(k)
            if s >= end_of_layer:
                return
            e = min(self.boundary(k + 1), end_of_layer)
            s_clip, e_clip = max(s, a), e
            person = self.people[k % len(self.people)]
            k += 1
            if e_clip <= s_clip:
                continue
            if self.calendar is None:
                yield s_clip, e_clip, person
            else:
                for o, c in self._open_spans(s_clip, e_clip):
                    yield o, c, person

    def _open_spans(self, s: float, e: float) -> Iterable[tuple[float, float]]:
        t = datetime.fromtimestamp(s, UTC)
        end = datetime.fromtimestamp(e, UTC)
        while t < end:
            opening = self.calendar.next_opening(t)
            if opening >= end:
                return
            closing = self.calendar.next_closing(opening)
            yield opening.timestamp(), min(closing, end).timestamp()
            t = closing


@dataclass(order=True)
class _Piece:
    start: float
    end: float
    rank: tuple[int, int]  # (0 layer / 1 override, index): higher wins
    person: int = field(compare=False)


def _sweep(pieces: list[_Piece], a: float, b: float) -> list[tuple[float, float, _Piece | None]]:
    """The winning piece over each stretch of [a, b), None where nothing covers it."""
    pieces.sort(key=lambda p: p.start)
    points = sorted({a, b, *(p.start for p in pieces), *(p.end for p in pieces)})
    points = [x for x in points if a <= x <= b]
    active: list[tuple[int, int, int]] = []  # (-kind, -index, piece number)
    result: list[tuple[float, float, _Piece | None]] = []
    i = 0
    for x, y in zip(points, points[1:], strict=False):
        while i < len(pieces) and pieces[i].start <= x:
            kind, index = pieces[i].rank
            heapq.heappush(active, (-kind, -index, i))
            i += 1
        while active and pieces[active[0][2]].end <= x:
            heapq.heappop(active)
        winner = pieces[active[0][2]] if active else None
        if result and result[-1][2] is winner and result[-1][1] == x:
            result[-1] = (result[-1][0], y, winner)
        else:
            result.append((x, y, winner))
    return result


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


class Rotation:
    """A rotation's layers (later beats earlier) and overrides (later beats earlier)."""

    def __init__(
        self, time_zone: str, layers: Sequence[Layer] = (), overrides: Sequence[Override] = ()
    ):
        self.time_zone = time_zone
        self.layers = tuple(layers)
        self.overrides = tuple(overrides)
        self._compiled = [_Compiled(layer) for layer in self.layers]
        # Overrides flattened once (later beats earlier), so "who is on call" is a bisect.
        flat = self._override_pieces(float("-inf"), float("inf"))
        covered = [(s, e, p) for s, e, p in _sweep(flat, *self._override_span()) if p is not None]
        self._ov_starts = [s for s, _, _ in covered]
        self._ov_ends = [e for _, e, _ in covered]
        self._ov_people = [p.person for _, _, p in covered]
        longest = max((o.end - o.start for o in self.overrides), default=timedelta(0))
        widest = max((layer.step for layer in self.layers), default=timedelta(0))
        # Looking this far either side of an instant finds the whole shift containing it.
        self._reach = max(longest, widest) + timedelta(hours=2)

    def _override_span(self) -> tuple[float, float]:
        if not self.overrides:
            return 0.0, 0.0
        return (
            min(o.start for o in self.overrides).timestamp(),
            max(o.end for o in self.overrides).timestamp(),
        )

    def _override_pieces(self, a: float, b: float) -> list[_Piece]:
        pieces = []
        for index, o in enumerate(self.overrides):
            s, e = max(o.start.timestamp(), a), min(o.end.timestamp(), b)
            if e > s:
                pieces.append(_Piece(s, e, (1, index), o.person))
        return pieces

    # -- questions ---------------------------------------------------------------------------

    def resolve(self, start: datetime, end: datetime) -> list[Shift]:
        """The final shifts covering [start, end), clipped to it, gaps included, in order."""
        a, b = _aware(start).timestamp(), _aware(end).timestamp()
        if b <= a:
            return []
        pieces = self._override_pieces(a, b)
        for index, layer in enumerate(self._compiled):
            pieces.extend(_Piece(s, e, (0, index), p) for s, e, p in layer.pieces(a, b))
        shifts = []
        for s, e, piece in _sweep(pieces, a, b):
            if piece is None:
                shifts.append(Shift(_utc(s), _utc(e), None))
            elif piece.rank[0] == 1:
                shifts.append(Shift(_utc(s), _utc(e), piece.person, OVERRIDE, None, piece.rank[1]))
            else:
                shifts.append(Shift(_utc(s), _utc(e), piece.person, LAYER, piece.rank[1]))
        return shifts

    def who(self, at: datetime) -> int | None:
        """The person on call at `at` (None: nobody). Same answer as resolve(), faster."""
        ts = _aware(at).timestamp()
        i = bisect_right(self._ov_starts, ts) - 1
        if i >= 0 and ts < self._ov_ends[i]:
            return self._ov_people[i]
        for layer in reversed(self._compiled):
            person = layer.person_at(ts)
            if person is not None:
                return person
        return None

    def shift_at(self, at: datetime) -> Shift:
        """The resolved shift (or gap) containing `at`. A gap's edges are reported no further
        than the longest shift or override from `at`."""
        shifts = self.resolve(at - self._reach, at + self._reach)
        return next(s for s in shifts if s.start <= at < s.end)

    def next_shift(self, at: datetime, horizon: timedelta = NEXT_HORIZON) -> Shift | None:
        """The first shift with a person that starts after the one containing `at` ends."""
        current = self.shift_at(at)
        for shift in self.resolve(current.end, current.end + horizon):
            if shift.person is not None:
                return shift
        return None


def away_spans(time_zone: str, days: Iterable[date]) -> list[tuple[datetime, datetime]]:
    """Local days away as UTC spans, consecutive days joined."""
    zone = ZoneInfo(time_zone)
    spans: list[list[date]] = []
    for day in sorted(set(days)):
        if spans and day == spans[-1][1] + timedelta(days=1):
            spans[-1][1] = day
        else:
            spans.append([day, day])

    def midnight(day: date) -> datetime:
        return local_to_utc(datetime.combine(day, time()), zone)

    return [(midnight(first), midnight(last + timedelta(days=1))) for first, last in spans]


def flag_conflicts(
    shifts: Sequence[Shift], away: Mapping[int, Sequence[tuple[datetime, datetime]]]
) -> list[Shift]:
    """The shifts again, each one whose person is away during it marked as a conflict."""
    flagged = []
    for shift in shifts:
        spans = away.get(shift.person, ()) if shift.person is not None else ()
        hit = next((s for s in spans if s[0] < shift.end and shift.start < s[1]), None)
        if hit is not None:
            shift = replace(shift, conflict="time off")
        flagged.append(shift)
    return flagged
