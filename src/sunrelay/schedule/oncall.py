"""Stored rotations read into rotations.resolve objects: who is on call now and next, and the
resolved timeline of a window with time-off conflicts flagged.

Everything here answers from one resolution, overrides included, so the rotation page, the
API, raising a level and paging never disagree about who is on call.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from sunrelay.schedule.roster import away_days
from sunrelay.schedule.rotations import resolve
from sunrelay.schedule.rotations.models import Layer, Override, Rotation
from sunrelay.sla.calendar import WeeklyInterval
from sunrelay.team.models import StaffProfile, TimeOff

# Overrides that ended this long before the first instant asked about are not read.
OVERRIDE_LOOKBACK = timedelta(days=60)


@dataclass
class Loaded:
    """A stored rotation with its resolver; layer and override indexes map back to rows."""

    rotation: Rotation
    resolver: resolve.Rotation
    layers: list[Layer]
    overrides: list[Override]

    def layer_of(self, shift: resolve.Shift) -> Layer | None:
        return self.layers[shift.layer] if shift.layer is not None else None

    def override_of(self, shift: resolve.Shift) -> Override | None:
        return self.overrides[shift.override] if shift.override is not None else None


def _layers_query():
    return Layer.objects.prefetch_related("participants", "restrictions").order_by("position", "id")


def pure_layer(layer: Layer, zone: str) -> resolve.Layer:
    weekday = layer.handoff_weekday if layer.shift_unit == "weeks" else None
    return resolve.Layer(
        participants=tuple(p.user_id for p in layer.participants.all()),
        first_handoff=resolve.first_handoff(layer.starts_on, layer.handoff_time, weekday),
        length=layer.shift_length,
        unit=layer.shift_unit,
        time_zone=layer.time_zone or zone,
        until=layer.ends_at,
        restrictions=tuple(
            WeeklyInterval(r.weekday, r.start, r.end) for r in layer.restrictions.all()
        ),
        id=layer.pk,
        name=str(layer),
    )


def load(rotation: Rotation | int, since: datetime | None = None) -> Loaded:
    """The rotation with its layers and the overrides still running at `since` or later."""
    since = since or timezone.now()
    pk = rotation.pk if isinstance(rotation, Rotation) else rotation
    rotation = Rotation.objects.prefetch_related(Prefetch("layers", _layers_query())).get(pk=pk)
    layers = list(rotation.layers.all())
    overrides = list(
        rotation.overrides.filter(ends_at__gt=since - OVERRIDE_LOOKBACK)
        .select_related("user")
        .order_by("id")  # later overrides beat earlier ones
    )
    resolver = resolve.Rotation(
        rotation.time_zone,
        [pure_layer(layer, rotation.time_zone) for layer in layers],
        [resolve.Override(o.user_id, o.starts_at, o.ends_at, o.pk) for o in overrides],
    )
    return Loaded(rotation, resolver, layers, overrides)


def load_all(since: datetime | None = None) -> list[Loaded]:
    return [load(r, since) for r in Rotation.objects.order_by("name")]


@dataclass(frozen=True)
class OnCall:
    current: resolve.Shift
    next: resolve.Shift | None

    @property
    def person(self) -> int | None:
        return self.current.person


def on_call(loaded: Loaded, now: datetime | None = None) -> OnCall:
    now = now or timezone.now()
    return OnCall(loaded.resolver.shift_at(now), loaded.resolver.next_shift(now))


def person_on_call(rotation: Rotation, now: datetime | None = None) -> int | None:
    """The id of the person on call in `rotation` at `now`, None when nobody is."""
    now = now or timezone.now()
    return load(rotation, now).resolver.who(now)


def rotation_for_level(level: str) -> Rotation | None:
    return Rotation.objects.filter(level=level).order_by("id").first()


def away_by_person(people: set[int], start: datetime, end: datetime):
    """UTC spans of time off of `people` touching [start, end), by person id."""
    zones = dict(
        StaffProfile.objects.filter(user_id__in=people).values_list("user_id", "time_zone")
    )
    days: dict[int, set] = defaultdict(set)
    rows = TimeOff.objects.filter(
        user_id__in=people,
        last_day__gte=(start - timedelta(days=1)).date(),
        first_day__lte=(end + timedelta(days=1)).date(),
    ).values_list("user_id", "first_day", "last_day")
    for user_id, first, last in rows:
        days[user_id] |= away_days(first, last)
    return {
        user_id: resolve.away_spans(zones.get(user_id, "UTC"), dates)
        for user_id, dates in days.items()
    }


def timeline(loaded: Loaded, start: datetime, end: datetime) -> list[resolve.Shift]:
    """The resolved shifts of [start, end), gaps included, time-off conflicts flagged."""
    shifts = loaded.resolver.resolve(start, end)
    people = {s.person for s in shifts if s.person is not None}
    return resolve.flag_conflicts(shifts, away_by_person(people, start, end))


def shifts_of_person(user_id: int, start: datetime, end: datetime, *, whole: bool = False):
    """(rotation, shift) for every shift `user_id` holds in [start, end), in time order.
    With `whole`, a shift running at `start` keeps its real start (calendar feeds: its
    UID and start stay the same from one download to the next)."""
    found = []
    for loaded in load_all(start):
        first = loaded.resolver.shift_at(start).start if whole else start
        for shift in loaded.resolver.resolve(first, end):
            if shift.person == user_id:
                found.append((loaded.rotation, shift))
    return sorted(found, key=lambda pair: (pair[1].start, pair[0].name))


def users_by_id(ids) -> dict:
    ids = {i for i in ids if i is not None}
    return get_user_model().objects.in_bulk(ids) if ids else {}
