"""Working time for the demo's stories, on the UTC clock, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sunrelay.demo.people import weekdays
from sunrelay.demo.shifts import CUSTOMER_HOURS, INFINITY, Calendar

FIRST = datetime(2024, 12, 1, tzinfo=UTC)
LAST = datetime(2025, 5, 1, tzinfo=UTC)


def ts(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


def calendar(time_zone: str, hours) -> Calendar:
    return Calendar(time_zone, hours, FIRST, LAST)


def test_it_follows_the_local_clock_through_daylight_saving():
    madrid = calendar("Europe/Madrid", weekdays("07:00", "15:00"))
    # Friday 28 March 2025 (winter time, UTC+1) and Monday 31 March (summer time, UTC+2).
    assert madrid.next_working(ts(2025, 3, 28, 5)) == ts(2025, 3, 28, 6)
    assert madrid.next_working(ts(2025, 3, 31, 4)) == ts(2025, 3, 31, 5)


def test_it_skips_the_weekend_and_counts_only_working_time():
    madrid = calendar("Europe/Madrid", weekdays("07:00", "15:00"))
    friday_afternoon = ts(2025, 3, 28, 13)  # 14:00 in Madrid, one working hour left
    assert madrid.is_working(friday_afternoon)
    assert madrid.shift_end(friday_afternoon) == ts(2025, 3, 28, 14)
    assert madrid.next_working(ts(2025, 3, 28, 15)) == ts(2025, 3, 31, 5)
    # Two working hours from Friday 14:00: one on Friday, one on Monday from 07:00.
    assert madrid.add_working(friday_afternoon, 2 * 3600) == ts(2025, 3, 31, 6)
    # Outside working hours the count starts at the next opening.
    assert madrid.add_working(ts(2025, 3, 29, 12), 600) == ts(2025, 3, 31, 5, 10)


def test_a_late_shift_in_san_francisco_ends_after_midnight_utc():
    kwame = calendar("America/Los_Angeles", weekdays("14:00", "22:00"))
    monday = ts(2025, 1, 6, 22)  # 14:00 in San Francisco
    assert kwame.next_working(monday - 60) == monday
    assert kwame.shift_end(monday) == ts(2025, 1, 7, 6)


def test_customers_write_in_their_own_office_hours():
    tokyo = calendar("Asia/Tokyo", CUSTOMER_HOURS)
    saturday_noon = ts(2025, 3, 29, 3)
    assert tokyo.next_working(saturday_noon) == ts(2025, 3, 30, 23)  # Monday 08:00 there
    assert not tokyo.is_working(ts(2025, 4, 1, 11))  # Tuesday 20:00 there
    assert tokyo.is_working(ts(2025, 4, 1, 1))


def test_a_night_shift_runs_past_midnight_and_nobody_works_past_the_window():
    night = calendar("Europe/Madrid", ((6, time(22), time(6)),))  # Sunday night
    sunday_late = ts(2025, 1, 5, 21)  # 22:00 in Madrid
    assert night.next_working(ts(2025, 1, 5, 12)) == sunday_late
    assert night.is_working(ts(2025, 1, 6, 4))  # Monday 05:00 there
    assert night.next_working(ts(2025, 6, 1)) == INFINITY
    assert night.add_working(ts(2025, 4, 27, 21), 100 * 3600) == INFINITY
