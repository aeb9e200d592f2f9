"""The team as shifts.Person objects, read from the database in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from sunrelay.lib.formatting import person
from sunrelay.schedule.shifts import Person
from sunrelay.sla.calendar import WeeklyInterval
from sunrelay.team.models import StaffRole, TimeOff, WorkingInterval

# Time off further back than this does not matter for shifts.
AWAY_LOOKBACK = timedelta(days=7)


def away_days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def load_people(today: date | None = None) -> list[Person]:
    """Every active staff member with a profile, with roles, levels, hours and time off."""
    User = get_user_model()
    users = list(
        User.objects.filter(is_active=True, staff_profile__isnull=False).select_related(
            "staff_profile"
        )
    )
    ids = [u.pk for u in users]
    roles = defaultdict(set)
    for user_id, role in StaffRole.objects.filter(user_id__in=ids).values_list("user_id", "role"):
        roles[user_id].add(role)
    hours = defaultdict(list)
    for row in WorkingInterval.objects.filter(profile__user_id__in=ids).values_list(
        "profile__user_id", "weekday", "start", "end"
    ):
        hours[row[0]].append(WeeklyInterval(row[1], row[2], row[3]))
    away = defaultdict(set)
    time_off = TimeOff.objects.filter(user_id__in=ids)
    if today is not None:
        time_off = time_off.filter(last_day__gte=today - AWAY_LOOKBACK)
    for user_id, first, last in time_off.values_list("user_id", "first_day", "last_day"):
        away[user_id] |= away_days(first, last)
    return [
        Person(
            id=u.pk,
            name=person(u),
            time_zone=u.staff_profile.time_zone,
            location=u.staff_profile.location,
            roles=frozenset(roles[u.pk]),
            levels=frozenset(u.staff_profile.support_levels or []),
            hours=tuple(hours[u.pk]),
            away=frozenset(away[u.pk]),
        )
        for u in users
    ]
