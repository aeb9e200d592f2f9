"""The top bar's clocks: the current local time of every support region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from sunrelay.team.roles import support_locations


@dataclass(frozen=True)
class RegionClock:
    zone: str
    label: str  # the team's cities in this zone, e.g. "Madrid · Valencia"
    now: datetime  # aware, in `zone`
    is_mine: bool

    @property
    def offset(self) -> str:
        return self.now.strftime("UTC%z")[:-2] + ":" + self.now.strftime("%z")[-2:]


def zone_city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def region_clocks(my_zone: str | None, now: datetime | None = None) -> list[RegionClock]:
    """One clock per time zone in which an active support engineer works, east to west."""
    now = now or timezone.now()
    cities: dict[str, set[str]] = {}
    for zone, location in support_locations():
        cities.setdefault(zone, set())
        if location:
            cities[zone].add(location)
    clocks = []
    for zone, names in cities.items():
        try:
            local = now.astimezone(ZoneInfo(zone))
        except (KeyError, ValueError):  # a stored zone the tz database no longer knows
            continue
        label = " · ".join(sorted(names)) or zone_city(zone)
        clocks.append(RegionClock(zone, label, local, zone == my_zone))
    clocks.sort(key=lambda c: (-c.now.utcoffset().total_seconds(), c.label))
    return clocks
