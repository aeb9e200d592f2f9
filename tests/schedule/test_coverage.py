"""The weekly coverage map, pure: 168 UTC hours × regions, gaps, and SLA clocks that run
while nobody works, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from sunrelay.schedule.coverage import (
    Clock,
    iso_week,
    shift_spans,
    week_start,
    weekly_coverage,
)
from sunrelay.schedule.shifts import Person
from sunrelay.sla.calendar import BusinessCalendar, WeeklyInterval


def person(pid, name, zone, location, start=time(9), end=time(17), days=range(5), away=()):
    return Person(
        id=pid,
        name=name,
        time_zone=zone,
        location=location,
        roles=frozenset({"support"}),
        levels=frozenset({"l1"}),
        hours=tuple(WeeklyInterval(d, start, end) for d in days),
        away=frozenset(away),
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


MARTA = person(1, "Marta Ibáñez", "Europe/Madrid", "Madrid")
NORA = person(2, "Nora Quinn", "America/New_York", "New York")
SASHA = person(3, "Sasha Lee", "America/Los_Angeles", "San Francisco")
ALWAYS = Clock("Enterprise: first reply (calendar time)", frozenset({"enterprise", "partner"}))


def test_an_iso_week_starts_on_monday_at_midnight_utc():
    assert week_start("2026-W48") == utc(2026, 11, 23)
    assert week_start("2026-W01") == utc(2025, 12, 29)
    assert week_start("2026-W53") == utc(2026, 12, 28)  # 2026 has 53 weeks
    assert iso_week(utc(2026, 11, 29, 23, 59)) == "2026-W48"
    assert iso_week(datetime(2026, 11, 30, 0, 30, tzinfo=UTC)) == "2026-W49"


@pytest.mark.parametrize("bad", ["", "2026-48", "2026-W5", "2025-W53", "2026-W00", "W48-2026"])
def test_anything_but_an_iso_week_is_refused(bad):
    with pytest.raises(ValueError):
        week_start(bad)


def test_a_week_has_168_utc_hours_and_regions_east_to_west():
    week = weekly_coverage([SASHA, NORA, MARTA], week_start("2026-W48"))
    assert len(week.hours) == 168 and len(week.days()) == 7
    assert [r.zone for r in week.regions] == [
        "Europe/Madrid",
        "America/New_York",
        "America/Los_Angeles",
    ]
    assert [r.label for r in week.regions] == ["Madrid", "New York", "San Francisco"]


def test_who_is_on_shift_in_each_hour_with_local_times():
    week = weekly_coverage([MARTA, NORA, SASHA], week_start("2026-W48"))
    # Tuesday 15:00 UTC: Madrid 16:00 (Marta), New York 10:00 (Nora), San Francisco 07:00.
    hour = week.hours[24 + 15]
    assert hour.start == utc(2026, 11, 24, 15)
    madrid, new_york, sf = hour.regions
    assert [s.person.name for s in madrid.people] == ["Marta Ibáñez"]
    assert [s.person.name for s in new_york.people] == ["Nora Quinn"]
    assert sf.people == ()
    assert (madrid.local_start.hour, new_york.local_start.hour, sf.local_start.hour) == (16, 10, 7)
    assert hour.on_shift == 2 and hour.state == "covered"


def test_nights_and_weekends_are_gaps_and_exposed_only_where_a_clock_runs():
    plain = weekly_coverage([MARTA, NORA, SASHA], week_start("2026-W48"))
    # Madrid 08-16 UTC, New York 14-22 UTC, San Francisco 17-01 UTC: on Tuesday the gap is
    # 01:00-08:00 UTC, after Monday's San Francisco shift.
    tuesday = [h.state for h in plain.hours[24:48]]
    assert tuesday[0] == "covered"
    assert tuesday[1:8] == ["gap"] * 7
    assert set(tuesday[8:]) == {"covered"}
    assert all(h.state == "gap" for h in plain.hours[5 * 24 + 2 : 7 * 24])  # the weekend
    exposed = weekly_coverage([MARTA, NORA, SASHA], week_start("2026-W48"), [ALWAYS])
    assert exposed.hours[24 + 3].state == "exposed"
    assert exposed.hours[24 + 3].exposed_tiers == ("enterprise", "partner")
    assert exposed.hours[24 + 12].state == "covered"


def test_the_monday_after_a_sunday_off_starts_uncovered():
    week = weekly_coverage([MARTA, NORA, SASHA], week_start("2026-W48"))
    # Monday 00:00 UTC is Sunday 16:00 in San Francisco: nobody works Sundays.
    assert week.hours[0].state == "gap"


def test_a_business_time_clock_runs_only_while_its_calendar_is_open():
    madrid_office = BusinessCalendar(
        "Europe/Madrid", [WeeklyInterval(d, time(9), time(17)) for d in range(5)]
    )
    clock = Clock("Pro: first reply (business time)", frozenset({"pro"}), madrid_office)
    away_tuesday = person(1, "Marta Ibáñez", "Europe/Madrid", "Madrid", away={date(2026, 11, 24)})
    week = weekly_coverage([away_tuesday, NORA], week_start("2026-W48"), [clock])
    night = week.hours[24 + 3]  # 04:00 in Madrid: the office is closed
    assert night.state == "gap"
    morning = week.hours[24 + 9]  # 10:00 in Madrid, Marta away, New York asleep
    assert morning.state == "exposed" and morning.exposed_tiers == ("pro",)
    assert week.hours[9].state == "covered"  # Monday, Marta works


def test_a_shift_starting_at_half_past_covers_half_the_hour():
    early = person(4, "Javier Ortega", "Europe/Madrid", "Madrid", start=time(8, 30))
    week = weekly_coverage([early], week_start("2026-W48"), [ALWAYS])
    hour = week.hours[7]  # Monday 07:00 UTC = 08:00 in Madrid
    assert hour.covered_minutes == 30
    assert hour.regions[0].people[0].minutes == 30
    assert hour.state == "exposed"  # the clock runs through the uncovered half
    assert weekly_coverage([early], week_start("2026-W48")).hours[7].state == "partial"


def test_time_off_leaves_its_days_uncovered():
    away = person(1, "Marta Ibáñez", "Europe/Madrid", "Madrid", away={date(2026, 11, 25)})
    week = weekly_coverage([away], week_start("2026-W48"))
    assert week.hours[24 + 10].on_shift == 1  # Tuesday
    assert week.hours[48 + 10].on_shift == 0  # Wednesday, away


def test_the_autumn_change_in_madrid_repeats_a_local_hour_but_never_a_row():
    # Sunday 25 October 2026, 03:00 CEST becomes 02:00 CET. A night shift 00:00-06:00 local
    # on that Sunday lasts seven real hours: Saturday 22:00 to Sunday 05:00 UTC.
    night = person(5, "Noche", "Europe/Madrid", "Madrid", start=time(0), end=time(6), days=[6])
    week = weekly_coverage([night], week_start("2026-W43"))
    sunday = week.days()[6]
    covered = [h.start.hour for h in sunday if h.on_shift]
    assert covered == [0, 1, 2, 3, 4]
    assert week.hours[5 * 24 + 22].on_shift == 1 and week.hours[5 * 24 + 23].on_shift == 1
    labels = [h.regions[0].local_start.strftime("%H:%M %Z") for h in sunday[:4]]
    assert labels == ["02:00 CEST", "02:00 CET", "03:00 CET", "04:00 CET"]
    assert len(week.hours) == 168


def test_the_spring_change_in_new_york_shortens_a_night_shift_by_an_hour():
    # Sunday 8 March 2026, 02:00 EST jumps to 03:00 EDT: 00:00-06:00 local is five hours.
    night = person(6, "Noor", "America/New_York", "New York", start=time(0), end=time(6), days=[6])
    week = weekly_coverage([night], week_start("2026-W10"))
    covered = [h.start for h in week.hours if h.on_shift]
    assert covered == [utc(2026, 3, 8, hour) for hour in range(5, 10)]
    assert week.regions[0].zone == "America/New_York"


def test_a_day_shift_moves_an_hour_in_utc_when_europe_changes_before_america():
    # Week 44 of 2026: Madrid is back on CET (UTC+1), New York still on EDT (UTC-4).
    week = weekly_coverage([MARTA, NORA], week_start("2026-W44"))
    monday = week.days()[0]
    assert [h.start.hour for h in monday if h.regions[0].people] == list(range(8, 16))
    assert [h.start.hour for h in monday if h.regions[1].people] == list(range(13, 21))
    week_before = weekly_coverage([MARTA, NORA], week_start("2026-W43"))
    assert [h.start.hour for h in week_before.days()[0] if h.regions[0].people] == list(
        range(7, 15)
    )


def test_a_shift_across_midnight_is_split_into_its_hours():
    late = person(7, "Kwame Mensah", "America/Los_Angeles", "San Francisco", time(17), time(1))
    spans = shift_spans(late, utc(2026, 11, 23), utc(2026, 11, 30))
    assert spans[0] == (utc(2026, 11, 24, 1), utc(2026, 11, 24, 9))
    assert len(spans) == 5
    # A week that starts inside Friday's shift clips it.
    clipped = shift_spans(late, utc(2026, 11, 28, 3), utc(2026, 11, 28, 12))
    assert clipped == [(utc(2026, 11, 28, 3), utc(2026, 11, 28, 9))]


def test_people_without_hours_are_left_out():
    sales = Person(id=9, name="Sam", time_zone="America/New_York")
    week = weekly_coverage([sales, MARTA], week_start("2026-W48"))
    assert [r.zone for r in week.regions] == ["Europe/Madrid"]
    assert shift_spans(sales, utc(2026, 11, 23), utc(2026, 11, 30)) == []


def test_it_does_not_depend_on_a_timedelta_of_hours_but_on_utc():
    week = weekly_coverage([MARTA], week_start("2026-W48"))
    assert week.end - week.start == timedelta(days=7)
    assert week.hours[-1].start == utc(2026, 11, 29, 23)
