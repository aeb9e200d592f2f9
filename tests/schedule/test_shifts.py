"""Who is on shift: local working hours, DST, time off."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sunrelay.schedule.shifts import Person, on_shift
from sunrelay.sla.calendar import WeeklyInterval


def person(
    pid,
    zone,
    start="09:00",
    end="17:00",
    roles=("support",),
    levels=("l1", "l2"),
    away=(),
    location="",
):
    hours = tuple(
        WeeklyInterval(d, time.fromisoformat(start), time.fromisoformat(end)) for d in range(5)
    )
    return Person(
        pid, f"P{pid}", zone, location, frozenset(roles), frozenset(levels), hours, frozenset(away)
    )


MADRID = person(1, "Europe/Madrid", location="Madrid")
NEW_YORK = person(2, "America/New_York", location="New York")
SF = person(3, "America/Los_Angeles", location="San Francisco")
TEAM = [MADRID, NEW_YORK, SF]


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_who_is_on_shift_through_a_day_that_circles_the_globe():
    # Tuesday 24 November 2026 (Madrid UTC+1, New York UTC-5, San Francisco UTC-8).
    expected = {
        7: [],  # 08:00 Madrid
        9: [1],  # 10:00 Madrid
        15: [1, 2],  # 16:00 Madrid, 10:00 New York
        17: [2, 3],  # Madrid closed at 17:00 local = 16:00 UTC; 09:00 San Francisco
        22: [3],  # New York closed at 17:00 local = 22:00 UTC
        23: [3],
    }
    for hour, ids in expected.items():
        assert [p.id for p in on_shift(TEAM, at(2026, 11, 24, hour))] == ids, hour


def test_shifts_keep_local_time_across_dst_weeks_when_zones_change_on_different_days():
    # On 27 Oct 2026 Madrid is already on winter time (UTC+1) but New York is still on EDT
    # (UTC-4): they overlap 13:00-16:00 UTC, three hours instead of the usual two.
    assert [p.id for p in on_shift(TEAM, at(2026, 10, 27, 12, 30))] == [1]
    assert [p.id for p in on_shift(TEAM, at(2026, 10, 27, 13, 30))] == [1, 2]
    assert [p.id for p in on_shift(TEAM, at(2026, 10, 27, 15, 30))] == [1, 2]
    assert [p.id for p in on_shift(TEAM, at(2026, 10, 27, 16, 30))] == [2, 3]  # 09:30 PDT
    assert [p.id for p in on_shift(TEAM, at(2026, 11, 24, 13, 30))] == [1]  # New York at 08:30 EST


def test_time_off_takes_people_off_shift_on_their_own_local_dates():
    away = person(4, "America/Los_Angeles", away=[date(2026, 11, 24)])
    assert on_shift([away], at(2026, 11, 24, 20)) == []  # Tuesday 12:00 in San Francisco
    assert [p.id for p in on_shift([away], at(2026, 11, 25, 20))] == [4]


def test_role_and_level_filters():
    se = person(5, "Europe/Madrid", roles=("solutions",), levels=("l2",))
    now = at(2026, 11, 24, 10)
    assert [p.id for p in on_shift([MADRID, se], now, role="solutions")] == [5]
    assert [p.id for p in on_shift([MADRID, se], now, level="l1")] == [1]


def test_shift_end_and_next_start():
    now = at(2026, 11, 27, 15, 45)  # Friday 16:45 in Madrid
    assert MADRID.shift_end(now) == at(2026, 11, 27, 16, 0)
    assert MADRID.next_shift_start(now) == at(2026, 11, 30, 8, 0)  # Monday 09:00
    assert NEW_YORK.shift_end(at(2026, 11, 27, 3)) is None
