"""Business-hours arithmetic at the edges: DST gaps and overlaps, midnight, holidays, year ends."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sunrelay.sla.calendar import (
    AlwaysOpen,
    BusinessCalendar,
    WeeklyInterval,
    local_to_utc,
    zone_offsets,
)

MADRID = "Europe/Madrid"
NEW_YORK = "America/New_York"
LOS_ANGELES = "America/Los_Angeles"


def weekdays(start="09:00", end="17:00", days=range(5)):
    return [WeeklyInterval(d, time.fromisoformat(start), time.fromisoformat(end)) for d in days]


def local(zone, *args):
    return datetime(*args, tzinfo=ZoneInfo(zone))


def utc(*args):
    return datetime(*args, tzinfo=UTC)


# Each case: zone, intervals, holidays, start (local), minutes, expected deadline (local).
ADD_CASES = {
    "same day": (MADRID, weekdays(), (), (2026, 11, 24, 10, 0), 60, (2026, 11, 24, 11, 0)),
    "into the next day": (
        MADRID,
        weekdays(),
        (),
        (2026, 11, 24, 16, 0),
        120,
        (2026, 11, 25, 10, 0),
    ),
    "over a weekend": (MADRID, weekdays(), (), (2026, 11, 27, 16, 30), 60, (2026, 11, 30, 9, 30)),
    "starting before opening": (
        MADRID,
        weekdays(),
        (),
        (2026, 11, 24, 6, 0),
        30,
        (2026, 11, 24, 9, 30),
    ),
    "starting on a Sunday": (
        MADRID,
        weekdays(),
        (),
        (2026, 11, 29, 12, 0),
        30,
        (2026, 11, 30, 9, 30),
    ),
    "ending exactly at closing": (
        MADRID,
        weekdays(),
        (),
        (2026, 11, 24, 16, 0),
        60,
        (2026, 11, 24, 17, 0),
    ),
    # Europe/Madrid springs forward on Sunday 29 March 2026 and falls back on 25 October.
    "Madrid weekend with spring-forward": (
        MADRID,
        weekdays(),
        (),
        (2026, 3, 27, 16, 0),
        120,
        (2026, 3, 30, 10, 0),
    ),
    "Madrid weekend with fall-back": (
        MADRID,
        weekdays(),
        (),
        (2026, 10, 23, 16, 0),
        120,
        (2026, 10, 26, 10, 0),
    ),
    # New York and Los Angeles spring forward on 8 March 2026, fall back on 1 November 2026.
    "New York night shift over the gap": (
        NEW_YORK,
        weekdays("22:00", "06:00", [5]),
        (),
        (2026, 3, 7, 22, 0),
        7 * 60,
        (2026, 3, 8, 6, 0),
    ),
    "New York night shift over the overlap": (
        NEW_YORK,
        weekdays("22:00", "06:00", [5]),
        (),
        (2026, 10, 31, 22, 0),
        9 * 60,
        (2026, 11, 1, 6, 0),
    ),
    "Los Angeles Sunday morning over the overlap": (
        LOS_ANGELES,
        weekdays("00:00", "04:00", [6]),
        (),
        (2026, 11, 1, 0, 0),
        5 * 60,
        (2026, 11, 1, 4, 0),
    ),
    "Los Angeles Sunday morning over the gap": (
        LOS_ANGELES,
        weekdays("00:00", "04:00", [6]),
        (),
        (2026, 3, 8, 0, 0),
        3 * 60,
        (2026, 3, 8, 4, 0),
    ),
    "holiday skipped": (
        MADRID,
        weekdays(),
        [date(2026, 12, 8)],
        (2026, 12, 7, 16, 0),
        120,
        (2026, 12, 9, 10, 0),
    ),
    "year end with New Year holiday": (
        MADRID,
        weekdays(),
        [date(2027, 1, 1)],
        (2026, 12, 31, 16, 0),
        120,
        (2027, 1, 4, 10, 0),
    ),
    "leap day": (NEW_YORK, weekdays(), (), (2028, 2, 28, 16, 0), 120, (2028, 2, 29, 10, 0)),
    "no leap day in 2027": (
        NEW_YORK,
        weekdays(),
        (),
        (2027, 2, 26, 16, 0),
        120,
        (2027, 3, 1, 10, 0),
    ),
    "night shift crossing midnight": (
        NEW_YORK,
        weekdays("22:00", "02:00", [0]),
        (),
        (2026, 11, 23, 23, 0),
        210,
        (2026, 11, 30, 22, 30),
    ),
    "a shift belongs to the day it starts (next day a holiday)": (
        NEW_YORK,
        weekdays("22:00", "02:00", [0]),
        [date(2026, 11, 24)],
        (2026, 11, 23, 22, 0),
        240,
        (2026, 11, 24, 2, 0),
    ),
    "24 hours when end equals start": (
        MADRID,
        weekdays("00:00", "00:00", range(7)),
        (),
        (2026, 3, 28, 12, 0),
        24 * 60,
        (2026, 3, 29, 13, 0),
    ),
}


@pytest.mark.parametrize("case", ADD_CASES.values(), ids=ADD_CASES.keys())
def test_it_adds_business_minutes(case):
    zone, intervals, holidays, start, minutes, expected = case
    cal = BusinessCalendar(zone, intervals, holidays)
    deadline = cal.add(local(zone, *start), minutes)
    assert deadline.tzinfo is UTC
    assert deadline == local(zone, *expected)
    assert cal.minutes_between(local(zone, *start), deadline) == pytest.approx(minutes)


def test_a_shift_starting_on_a_holiday_is_not_worked():
    cal = BusinessCalendar(NEW_YORK, weekdays("22:00", "02:00", [0]), [date(2026, 11, 23)])
    assert (
        cal.minutes_between(
            local(NEW_YORK, 2026, 11, 23, 0, 0), local(NEW_YORK, 2026, 11, 25, 0, 0)
        )
        == 0
    )


def test_a_holiday_on_a_weekend_changes_nothing():
    plain = BusinessCalendar(MADRID, weekdays())
    with_saturday_holiday = BusinessCalendar(MADRID, weekdays(), [date(2026, 12, 26)])
    start = local(MADRID, 2026, 12, 24, 12, 0)
    assert plain.add(start, 600) == with_saturday_holiday.add(start, 600)


def test_a_time_inside_the_spring_gap_shifts_forward_by_the_gap():
    # 02:30-03:30 on the spring-forward night reads as 03:30-03:30 EDT: no working time.
    cal = BusinessCalendar(NEW_YORK, weekdays("02:30", "03:30", [6]))
    day = (2026, 3, 8)
    assert cal.minutes_between(local(NEW_YORK, *day, 0, 0), local(NEW_YORK, *day, 12, 0)) == 0
    # A week later, the same interval is one hour long.
    assert (
        cal.minutes_between(local(NEW_YORK, 2026, 3, 15, 0, 0), local(NEW_YORK, 2026, 3, 15, 12, 0))
        == 60
    )


def test_an_ambiguous_time_is_its_first_occurrence():
    # 01:30 happens twice on 1 November 2026 in New York; 00:00-01:30 ends at the first.
    cal = BusinessCalendar(NEW_YORK, weekdays("00:00", "01:30", [6]))
    assert cal.minutes_between(utc(2026, 11, 1, 0, 0), utc(2026, 11, 2, 0, 0)) == 90
    assert cal.is_open(utc(2026, 11, 1, 5, 0))  # 01:00 EDT
    assert not cal.is_open(utc(2026, 11, 1, 6, 0))  # 01:00 EST, the second time round


HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    "wall, offset, expected",
    [
        (datetime(2026, 3, 8, 2, 30), None, utc(2026, 3, 8, 7, 30)),  # gap: 03:30 EDT
        (datetime(2026, 11, 1, 1, 30), None, utc(2026, 11, 1, 5, 30)),  # first: EDT
        (datetime(2026, 11, 1, 1, 30), -4 * HOUR, utc(2026, 11, 1, 5, 30)),
        (datetime(2026, 11, 1, 1, 30), -5 * HOUR, utc(2026, 11, 1, 6, 30)),  # second: EST
        (datetime(2026, 7, 1, 9, 0), -4 * HOUR, utc(2026, 7, 1, 13, 0)),
    ],
)
def test_local_times_follow_the_calendars_rules_or_the_offset_given(wall, offset, expected):
    assert local_to_utc(wall, NEW_YORK, offset) == expected


@pytest.mark.parametrize(
    "wall, offset, words",
    [
        (datetime(2026, 3, 8, 2, 30), -5 * HOUR, "does not exist in America/New_York"),
        (datetime(2026, 7, 1, 9, 0), -5 * HOUR, "is at UTC-04:00 then, not UTC-05:00"),
        (datetime(2026, 11, 1, 1, 30), 2 * HOUR, "UTC-04:00 or UTC-05:00 then, not UTC+02:00"),
    ],
)
def test_an_offset_the_zone_does_not_show_then_is_refused_in_words(wall, offset, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        local_to_utc(wall, NEW_YORK, offset)


def test_a_zone_offers_the_offsets_it_uses():
    assert zone_offsets(MADRID, utc(2026, 1, 7, 12)) == [HOUR, 2 * HOUR]
    assert zone_offsets("UTC", utc(2026, 1, 7, 12)) == [timedelta(0)]


def test_is_open_and_next_opening():
    cal = BusinessCalendar(MADRID, weekdays(), [date(2026, 12, 8)])
    assert cal.is_open(local(MADRID, 2026, 11, 24, 9, 0))
    assert not cal.is_open(local(MADRID, 2026, 11, 24, 17, 0))  # closing time is closed
    assert cal.next_opening(local(MADRID, 2026, 11, 24, 12, 0)) == local(
        MADRID, 2026, 11, 24, 12, 0
    )
    assert cal.next_opening(local(MADRID, 2026, 12, 7, 18, 0)) == local(MADRID, 2026, 12, 9, 9, 0)
    assert cal.next_opening(local(MADRID, 2026, 12, 31, 18, 0)) == local(MADRID, 2027, 1, 1, 9, 0)
    assert cal.next_closing(local(MADRID, 2026, 11, 24, 12, 0)) == local(
        MADRID, 2026, 11, 24, 17, 0
    )


def test_it_measures_backwards_as_negative():
    cal = BusinessCalendar(MADRID, weekdays())
    assert (
        cal.minutes_between(local(MADRID, 2026, 11, 25, 10, 0), local(MADRID, 2026, 11, 24, 10, 0))
        == -480
    )


def test_overlapping_intervals_count_once():
    intervals = weekdays("09:00", "13:00") + weekdays("12:00", "17:00")
    cal = BusinessCalendar(MADRID, intervals)
    assert (
        cal.minutes_between(local(MADRID, 2026, 11, 24, 0, 0), local(MADRID, 2026, 11, 25, 0, 0))
        == 480
    )


def test_naive_datetimes_are_refused():
    cal = BusinessCalendar(MADRID, weekdays())
    with pytest.raises(ValueError, match="aware"):
        cal.add(datetime(2026, 11, 24, 10, 0), 30)  # noqa: DTZ001


def test_a_calendar_without_working_time_says_so():
    with pytest.raises(ValueError, match="no working time"):
        BusinessCalendar(MADRID, []).add(utc(2026, 1, 1), 1)


def test_it_works_decades_away_and_back():
    cal = BusinessCalendar(LOS_ANGELES, weekdays())
    assert cal.add(local(LOS_ANGELES, 2045, 6, 30, 16, 0), 120) == local(
        LOS_ANGELES, 2045, 7, 3, 10, 0
    )
    assert cal.add(local(LOS_ANGELES, 2001, 6, 29, 16, 0), 120) == local(
        LOS_ANGELES, 2001, 7, 2, 10, 0
    )


def test_calendar_time_counts_every_minute():
    always = AlwaysOpen()
    start = local(NEW_YORK, 2026, 3, 7, 23, 0)
    assert always.add(start, 120) == start + timedelta(hours=2)
    assert (
        always.minutes_between(start, local(NEW_YORK, 2026, 3, 8, 4, 0)) == 240
    )  # 5 wall hours, 4 real
