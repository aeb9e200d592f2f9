"""Each SE's load, for the SE lead assigning one: open opportunities they own, demos and
proofs of concept this week, their L2 rotation weeks and time off (from the schedule), and
whether one more opportunity overloads them.

The load is open opportunities plus this week's demos and proofs of concept; someone is
overloaded when an assignment would take it past the threshold the lead sets
(PresalesSettings.overload_threshold). Rotation weeks and time off are shown beside it, for the
lead to weigh: they are not counted, because an L2 week takes a day's share, not a deal's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Count, Q

from sunrelay.lib.formatting import person
from sunrelay.presales.models import (
    CLOSED_STAGES,
    Engagement,
    EngagementKind,
    Opportunity,
    PresalesSettings,
)
from sunrelay.schedule import oncall
from sunrelay.team.models import Role, TimeOff
from sunrelay.team.roles import holders

# How far ahead rotation weeks and time off are shown.
WEEKS_AHEAD = 4


@dataclass
class Capacity:
    se: object  # the user
    open_opportunities: int = 0
    demos_and_pocs: int = 0  # overlapping this week
    l2_weeks: list[date] = field(default_factory=list)  # Mondays of weeks with an L2 shift
    time_off: list[TimeOff] = field(default_factory=list)
    threshold: int = 0

    @property
    def load(self) -> int:
        return self.open_opportunities + self.demos_and_pocs

    @property
    def overloaded_by_one_more(self) -> bool:
        return self.load + 1 > self.threshold

    @property
    def warning(self) -> str:
        if not self.overloaded_by_one_more:
            return ""
        return (
            f"{person(self.se)} already has {self.open_opportunities} open opportunities and "
            f"{self.demos_and_pocs} demos or proofs of concept this week: one more is over "
            f"the limit of {self.threshold}."
        )


def week_of(day: date) -> tuple[date, date]:
    """Monday of `day`'s week and the Monday after."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=7)


def capacities(today: date, people=None) -> list[Capacity]:
    """One row per active SE (or per user in `people`), by name."""
    people = list(holders(Role.SOLUTIONS) if people is None else people)
    threshold = PresalesSettings.current().overload_threshold
    rows = {u.pk: Capacity(u, threshold=threshold) for u in people}
    monday, next_monday = week_of(today)
    owned = (
        Opportunity.objects.filter(se__in=rows)
        .exclude(stage__in=CLOSED_STAGES)
        .values_list("se")
        .annotate(n=Count("id"))
    )
    for se_id, n in owned:
        rows[se_id].open_opportunities = n
    busy = (
        Engagement.objects.filter(
            Q(kind__in=[EngagementKind.DEMO, EngagementKind.POC]),
            opportunity__se__in=rows,
            starts_on__lt=next_monday,
            ends_on__gte=monday,
        )
        .values_list("opportunity__se")
        .annotate(n=Count("id"))
    )
    for se_id, n in busy:
        rows[se_id].demos_and_pocs = n
    horizon = monday + timedelta(weeks=WEEKS_AHEAD)
    for off in TimeOff.objects.filter(
        user__in=rows, last_day__gte=today, first_day__lt=horizon
    ).order_by("first_day"):
        rows[off.user_id].time_off.append(off)
    _add_l2_weeks(rows, monday, horizon)
    return list(rows.values())


def _add_l2_weeks(rows: dict[int, Capacity], monday: date, horizon: date) -> None:
    start = datetime.combine(monday, time(), UTC)
    end = datetime.combine(horizon, time(), UTC)
    for loaded in oncall.load_all(start):
        if loaded.rotation.level != "l2":
            continue
        for shift in loaded.resolver.resolve(start, end):
            row = rows.get(shift.person)
            # A weekly shift runs into the next Monday morning: a week counts where at least
            # a day of a shift is, by the shift's middle.
            if row is None or shift.end - shift.start < timedelta(days=1):
                continue
            week = week_of((shift.start + (shift.end - shift.start) / 2).date())[0]
            if week not in row.l2_weeks:
                row.l2_weeks.append(week)
    for row in rows.values():
        row.l2_weeks.sort()


def warning_for(se, today: date) -> str:
    """The overload warning of giving `se` one more opportunity, "" when there is none."""
    return capacities(today, [se])[0].warning
