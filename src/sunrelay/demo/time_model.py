"""The demo's time model: support calendars with real holidays, SLA policies per tier,
the levels each person works, and some time off with its coverage plan.

Created only where missing (calendars and policies by name, time off by person and first
day), like the rest of the demo; holidays come from the `holidays` package for Spain and
the Comunidad de Madrid and for the US states of New York, Colorado and California.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import holidays
from django.contrib.auth.models import User
from django.db import transaction

from sunrelay.accounts.models import Account
from sunrelay.sla import config as sla_config
from sunrelay.sla.models import Calendar, CalendarInterval, Holiday, Policy, Target
from sunrelay.team.models import Coverage, Role, StaffProfile, TimeOff

WEEKDAYS = range(5)

# name: (time zone, weekday hours, holiday country, subdivision)
CALENDARS = {
    "Madrid office": ("Europe/Madrid", (time(9), time(18)), "ES", "MD"),
    "New York office": ("America/New_York", (time(9), time(18)), "US", "NY"),
    "Denver office": ("America/Denver", (time(8), time(17)), "US", "CO"),
    "San Francisco office": ("America/Los_Angeles", (time(9), time(18)), "US", "CA"),
    # The team's joint day, Madrid morning to San Francisco evening (crosses midnight).
    "Follow-the-sun support": ("Europe/Madrid", (time(7), time(3)), None, None),
}
# Holidays of the joint day: the ones every region keeps.
SHARED_HOLIDAYS = [(1, 1, "New Year's Day"), (12, 25, "Christmas Day")]

B, C = True, False  # business / calendar minutes
H = 60
# (position, name, tiers, priorities, calendar, warn share, targets as (metric, minutes, business))
POLICIES = [
    (
        10,
        "Enterprise & Partner — urgent",
        ["enterprise", "partner"],
        ["urgent"],
        "Follow-the-sun support",
        0.5,
        [
            ("first_reply", 1 * H, C),
            ("next_reply", 2 * H, C),
            ("periodic_update", 4 * H, C),
            ("resolution", 24 * H, C),
        ],
    ),
    (
        20,
        "Enterprise & Partner",
        ["enterprise", "partner"],
        [],
        "Follow-the-sun support",
        0.75,
        [
            ("first_reply", 4 * H, B),
            ("next_reply", 8 * H, B),
            ("periodic_update", 24 * H, B),
            ("resolution", 60 * H, B),
        ],
    ),
    (
        30,
        "Pro",
        ["pro"],
        [],
        "Follow-the-sun support",
        0.75,
        [("first_reply", 8 * H, B), ("next_reply", 16 * H, B), ("resolution", 120 * H, B)],
    ),
    (
        40,
        "Basic",
        ["basic"],
        [],
        "Follow-the-sun support",
        0.8,
        [("first_reply", 24 * H, B), ("next_reply", 32 * H, B)],
    ),
    (
        90,
        "Free and everyone else",
        [],
        [],
        "Follow-the-sun support",
        0.8,
        [("first_reply", 40 * H, B)],
    ),
]

LEVELS = {
    Role.SUPPORT: ["l1", "l2"],
    Role.LEAD: ["l1", "l2"],
    Role.SOLUTIONS: ["l2"],
    Role.ENGINEERING: ["engineering"],
}


def _calendars(anchor: datetime, created: Counter) -> dict[str, Calendar]:
    years = [anchor.year - 1, anchor.year, anchor.year + 1]
    result = {}
    for name, (zone, (start, end), country, subdiv) in CALENDARS.items():
        calendar, new = Calendar.objects.get_or_create(name=name, defaults={"time_zone": zone})
        result[name] = calendar
        if not new:
            continue
        created["calendars"] += 1
        CalendarInterval.objects.bulk_create(
            CalendarInterval(calendar=calendar, weekday=d, start=start, end=end) for d in WEEKDAYS
        )
        if country:
            days = holidays.country_holidays(country, subdiv=subdiv, years=years)
            rows = [
                Holiday(calendar=calendar, date=d, name=n[:200]) for d, n in sorted(days.items())
            ]
        else:
            rows = [
                Holiday(calendar=calendar, date=date(y, m, d), name=n)
                for y in years
                for m, d, n in SHARED_HOLIDAYS
            ]
        Holiday.objects.bulk_create(rows)
        created["holidays"] += len(rows)
    return result


def _policies(calendars: dict[str, Calendar], created: Counter) -> None:
    for position, name, tiers, priorities, cal, warn, targets in POLICIES:
        policy, new = Policy.objects.get_or_create(
            name=name,
            defaults={
                "position": position,
                "tiers": tiers,
                "priorities": priorities,
                "calendar": calendars[cal],
                "warn_share": warn,
            },
        )
        if new:
            created["SLA policies"] += 1
            Target.objects.bulk_create(
                Target(policy=policy, metric=m, minutes=minutes, business=b)
                for m, minutes, b in targets
            )


def _levels() -> None:
    for profile in StaffProfile.objects.filter(support_levels=[]).prefetch_related(
        "user__staff_roles"
    ):
        levels = sorted(
            {lvl for r in profile.user.staff_roles.all() for lvl in LEVELS.get(r.role, [])}
        )
        if levels:
            profile.support_levels = levels
            profile.save(update_fields=["support_levels"])


def _account_calendars(calendars: dict[str, Calendar]) -> None:
    # Strategic accounts keep their own office hours for SLAs where a region matches.
    by_zone = {c.time_zone: c for name, c in calendars.items() if name != "Follow-the-sun support"}
    for account in Account.objects.filter(strategic=True, business_calendar__isnull=True):
        if account.time_zone in by_zone:
            account.business_calendar = by_zone[account.time_zone]
            account.save(update_fields=["business_calendar"])


def _time_off(anchor: datetime, created: Counter) -> None:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["nuria", "keisha", "priya", "ines"])
    }
    if len(users) < 4:
        return
    today = anchor.date()
    monday = today + timedelta(days=7 - today.weekday())
    plans = [
        # Núria (Valencia) is away next week; Inés covers her accounts' tickets, Javier the rest.
        (users["nuria"], monday, monday + timedelta(days=4), "Holiday", [(None, "javier")]),
        # Priya (CE, New York) is at a conference for three days from tomorrow; Keisha covers.
        (
            users["priya"],
            today + timedelta(days=1),
            today + timedelta(days=3),
            "Conference",
            [("accounts", "keisha")],
        ),
    ]
    for user, first, last, reason, covers in plans:
        leave, new = TimeOff.objects.get_or_create(
            user=user, first_day=first, defaults={"last_day": last, "reason": reason}
        )
        if not new:
            continue
        created["time off"] += 1
        for scope, cover_name in covers:
            cover = User.objects.get(username=cover_name)
            if scope == "accounts":
                for account in Account.objects.filter(ce=user):
                    Coverage.objects.create(time_off=leave, cover=cover, account=account)
            Coverage.objects.create(time_off=leave, cover=cover)


@transaction.atomic
def load_time_model(anchor: datetime, created: Counter) -> None:
    calendars = _calendars(anchor, created)
    _policies(calendars, created)
    sla_config.changed()  # intervals, holidays and targets went in with bulk_create
    _levels()
    _account_calendars(calendars)
    _time_off(anchor, created)
