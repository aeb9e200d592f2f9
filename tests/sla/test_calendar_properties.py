"""Properties of business-hours arithmetic that must hold for any input."""

from __future__ import annotations

import os
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sunrelay.sla.calendar import MAX_YEARS_AHEAD, BusinessCalendar, WeeklyInterval, local_to_utc

ZONES = [
    "Europe/Madrid",
    "America/New_York",
    "America/Los_Angeles",
    "America/Denver",
    "Australia/Lord_Howe",
]

intervals = st.builds(
    WeeklyInterval,
    weekday=st.integers(0, 6),
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
calendars = st.builds(
    BusinessCalendar,
    time_zone=st.sampled_from(ZONES),
    intervals=st.lists(intervals, min_size=1, max_size=8),
    holidays=st.lists(st.dates(date(2025, 1, 1), date(2028, 12, 31)), max_size=20),
)
instants = st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)


@settings(max_examples=300, deadline=None)
@given(cal=calendars, start=instants, minutes=st.integers(1, 60 * 24 * 14))
def test_adding_then_measuring_gives_the_minutes_back(cal, start, minutes):
    try:
        deadline = cal.add(start, minutes)
    except ValueError:
        # Honest only when the calendar really lacks the time (a minute a week, say).
        assert (
            cal.minutes_between(start, start.replace(year=start.year + MAX_YEARS_AHEAD - 1))
            < minutes
        )
        return
    assert deadline >= start
    assert cal.minutes_between(start, deadline) == pytest.approx(minutes, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(cal=calendars, start=instants, minutes=st.integers(1, 5000), more=st.integers(0, 5000))
def test_more_minutes_never_give_an_earlier_deadline(cal, start, minutes, more):
    try:
        assert cal.add(start, minutes + more) >= cal.add(start, minutes)
    except ValueError:
        assume(False)  # beyond the calendar's horizon: covered by the test above


@settings(max_examples=200, deadline=None)
@given(
    cal=calendars,
    start=instants,
    pause=st.integers(0, 60 * 24 * 10),
    longer=st.integers(0, 60 * 24 * 10),
)
def test_a_longer_pause_never_moves_a_deadline_earlier(cal, start, pause, longer):
    # A paused clock resumes later; the remaining budget is the same.
    resume_a = start + timedelta(minutes=pause)
    resume_b = start + timedelta(minutes=pause + longer)
    try:
        assert cal.add(resume_b, 240) >= cal.add(resume_a, 240)
    except ValueError:
        assume(False)


@settings(max_examples=100, deadline=None)
@given(cal=calendars, instant=instants)
def test_next_opening_is_open_and_nothing_before_it_is(cal, instant):
    opening = cal.next_opening(instant)
    assert opening >= instant
    assert cal.is_open(opening)
    assert cal.minutes_between(instant, opening) == 0


@settings(max_examples=300, deadline=None)
@given(zone=st.sampled_from(ZONES), instant=instants)
def test_every_instant_is_named_by_its_local_reading_and_offset(zone, instant):
    local = instant.astimezone(ZoneInfo(zone))
    reading = local.replace(tzinfo=None)
    assert local_to_utc(reading, zone, local.utcoffset()) == instant
    # Without the offset: the same instant, or the first of a doubled reading (earlier),
    # whatever fold the reading carries.
    first = local_to_utc(reading, zone)
    assert first <= instant and first == local_to_utc(reading.replace(fold=1 - reading.fold), zone)
    assert first.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == reading


@pytest.mark.parametrize(
    "server_zone", ["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"]
)
def test_results_do_not_depend_on_the_servers_time_zone(server_zone):
    def compute():
        cal = BusinessCalendar(
            "Europe/Madrid", [WeeklyInterval(d, time(9), time(17)) for d in range(5)]
        )
        start = datetime(2026, 3, 27, 15, 0, tzinfo=UTC)
        return (
            cal.add(start, 600),
            cal.is_open(start),
            cal.next_opening(datetime(2026, 3, 29, 1, tzinfo=UTC)),
        )

    expected = compute()
    saved = os.environ.get("TZ")
    os.environ["TZ"] = server_zone
    clock.tzset()
    try:
        assert compute() == expected
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        clock.tzset()
