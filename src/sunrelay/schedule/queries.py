"""What the follow-the-sun pages and the API read: who is on shift, the coverage week with
the SLA clocks that matter, hand-offs between regions. Reads only; writes are in services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from sunrelay.accounts.models import Tier
from sunrelay.accounts.permissions import visible_through_account
from sunrelay.schedule.coverage import Clock, CoverageWeek, Region, weekly_coverage
from sunrelay.schedule.models import Handoff
from sunrelay.schedule.roster import load_people
from sunrelay.schedule.shifts import Person
from sunrelay.sla import config as sla_config
from sunrelay.sla.calendar import BusinessCalendar
from sunrelay.sla.live import METRIC_LABELS
from sunrelay.team.models import StaffProfile, TimeOff


def matches(person: Person, role: str | None, level: str | None) -> bool:
    return (not role or role in person.roles) and (not level or level in person.levels)


@dataclass(frozen=True)
class PersonNow:
    person: Person
    local_now: datetime
    shift_end: datetime | None  # None: off shift
    next_start: datetime | None  # the next shift's start (None: no working hours)


@dataclass(frozen=True)
class RegionNow:
    region: Region
    local_now: datetime
    on_shift: tuple[PersonNow, ...]
    off_shift: tuple[PersonNow, ...]


def regions_now(
    people: list[Person], now: datetime, role: str | None = None, level: str | None = None
) -> list[RegionNow]:
    """People with working hours matching `role` and `level`, by region (time zone), east to
    west; on shift first, by shift end, then the others by their next shift."""
    chosen = [p for p in people if p.hours and matches(p, role, level)]
    zones: dict[str, list[Person]] = {}
    for person in chosen:
        zones.setdefault(person.region, []).append(person)
    result = []
    for zone, members in zones.items():
        local = now.astimezone(ZoneInfo(zone))
        cities = tuple(sorted({p.location for p in members if p.location}))
        rows = [
            PersonNow(
                p, local, p.shift_end(now), None if p.on_shift(now) else p.next_shift_start(now)
            )
            for p in members
        ]
        far = now + timedelta(days=3650)
        result.append(
            RegionNow(
                region=Region(zone, cities),
                local_now=local,
                on_shift=tuple(
                    sorted(
                        (r for r in rows if r.shift_end), key=lambda r: (r.shift_end, r.person.name)
                    )
                ),
                off_shift=tuple(
                    sorted(
                        (r for r in rows if not r.shift_end),
                        key=lambda r: (r.next_start or far, r.person.name),
                    )
                ),
            )
        )
    result.sort(key=lambda r: (-r.local_now.utcoffset().total_seconds(), r.region.zone))
    return result


def away_on(people: list[Person], now: datetime) -> list[tuple[Person, TimeOff]]:
    """People away on their own local today, with the time off that covers it."""
    away = [p for p in people if p.is_away(now)]
    if not away:
        return []
    spans = TimeOff.objects.filter(
        user_id__in=[p.id for p in away],
        first_day__lte=now.date() + timedelta(days=1),
        last_day__gte=now.date() - timedelta(days=1),
    )
    by_user: dict[int, list[TimeOff]] = {}
    for span in spans:
        by_user.setdefault(span.user_id, []).append(span)
    result = []
    for person in sorted(away, key=lambda p: p.name):
        today = now.astimezone(ZoneInfo(person.time_zone)).date()
        span = next(
            (s for s in by_user.get(person.id, []) if s.first_day <= today <= s.last_day), None
        )
        if span is not None:
            result.append((person, span))
    return result


# -- coverage --------------------------------------------------------------------------------


def sla_clocks() -> list[Clock]:
    """One clock per active policy and kind of time: its calendar-time targets always run,
    its business-time targets while the policy's calendar is open.

    Policies are matched first by position on more than the tier (priority, channel, tags),
    so a tier is taken as exposed when any policy naming it (or naming no tier) has a clock
    running; an account's own calendar is not looked at.
    """
    config = sla_config.current()
    clocks = []
    for policy in config.policies:
        tiers = policy.tiers or frozenset(Tier.values)
        for business in (False, True):
            metrics = [t.metric for t in policy.targets if t.business is business]
            if not metrics:
                continue
            calendar = config.calendar(policy.calendar_id, business) if business else None
            if not isinstance(calendar, BusinessCalendar):
                calendar = None  # business minutes without a calendar count all the time
            words = ", ".join(METRIC_LABELS[m.value].lower() for m in metrics)
            kind = "business time" if calendar is not None else "calendar time"
            clocks.append(Clock(f"{policy.name}: {words} ({kind})", frozenset(tiers), calendar))
    return clocks


def coverage_week(
    start: datetime, role: str | None = None, level: str | None = None
) -> CoverageWeek:
    """The coverage map of the week from `start` for people holding `role` and `level`."""
    people = [p for p in load_people(start.date()) if matches(p, role, level)]
    return weekly_coverage(people, start, sla_clocks())


# -- hand-offs -------------------------------------------------------------------------------


def handoffs_for(user) -> QuerySet[Handoff]:
    """Hand-offs of the tickets `user` may see, newest first, with what the pages show."""
    return (
        visible_through_account(user, Handoff.objects.all(), "ticket__account__")
        .select_related("ticket", "from_user__staff_profile", "to_user__staff_profile", "owner")
        .order_by("-at", "-id")
    )


def filter_handoffs(
    handoffs: QuerySet[Handoff],
    *,
    after: datetime | None = None,
    before: datetime | None = None,
    region: str | None = None,
) -> QuerySet[Handoff]:
    if after is not None:
        handoffs = handoffs.filter(at__gte=after)
    if before is not None:
        handoffs = handoffs.filter(at__lt=before)
    if region:
        handoffs = handoffs.filter(Q(from_region=region) | Q(to_region=region))
    return handoffs


def local_day_bounds(first: date | None, last: date | None, zone: str):
    """[first 00:00, the day after last 00:00) in `zone`, as aware datetimes (or None)."""
    tz = ZoneInfo(zone)
    after = datetime.combine(first, time(0), tzinfo=tz) if first else None
    before = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz) if last else None
    return after, before


def staff_regions() -> dict[str, tuple[str, ...]]:
    """Every time zone staff work in, with its cities: {"Europe/Madrid": ("Madrid", …)}."""
    cities: dict[str, set[str]] = {}
    rows = StaffProfile.objects.filter(user__is_active=True).values_list("time_zone", "location")
    for zone, location in rows:
        cities.setdefault(zone, set())
        if location:
            cities[zone].add(location)
    return {zone: tuple(sorted(names)) for zone, names in sorted(cities.items())}
