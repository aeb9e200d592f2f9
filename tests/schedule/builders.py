"""Rotations in the database for tests: one call per rotation, layers as dictionaries."""

from __future__ import annotations

from datetime import date, time

from sunrelay.schedule.rotations.models import Layer, Participant, Restriction, Rotation
from sunrelay.team.models import StaffProfile, WorkingInterval
from tests.factories import make_staff


def make_rotation(name: str, zone: str = "Europe/Madrid", level: str = "", layers=()) -> Rotation:
    """layers: dicts with people (users, in order), and optionally unit, length, weekday,
    at (hand-off time), starts_on, ends_at, zone, restrictions [(weekday, start, end)]."""
    rotation = Rotation.objects.create(name=name, time_zone=zone, level=level)
    for position, spec in enumerate(layers, start=1):
        layer = Layer.objects.create(
            rotation=rotation,
            position=position,
            name=spec.get("name", ""),
            time_zone=spec.get("zone", ""),
            shift_length=spec.get("length", 1),
            shift_unit=spec.get("unit", "weeks"),
            handoff_weekday=spec.get("weekday", 0),
            handoff_time=spec.get("at", time(9)),
            starts_on=spec.get("starts_on", date(2026, 1, 5)),
            ends_at=spec.get("ends_at"),
        )
        for i, user in enumerate(spec["people"]):
            Participant.objects.create(layer=layer, user=user, position=i)
        for weekday, start, end in spec.get("restrictions", ()):
            Restriction.objects.create(layer=layer, weekday=weekday, start=start, end=end)
    return rotation


def make_worker(username, zone, roles=("support",), levels=("l1", "l2"), start=9, end=17):
    """A staff member working weekdays start:00-end:00 in their own zone."""
    user = make_staff(username, roles=list(roles), time_zone=zone)
    profile = StaffProfile.objects.get(user=user)
    profile.support_levels = list(levels)
    profile.save()
    for day in range(5):
        WorkingInterval.objects.create(
            profile=profile, weekday=day, start=time(start), end=time(end)
        )
    return user
