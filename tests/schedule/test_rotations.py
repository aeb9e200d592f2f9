"""Rotation resolution, case by case, as tables checked shift by shift.

Each row is (start, end, who, hours) in the rotation's local time; who is a letter, "-" a gap.
2026's DST changes: Madrid 29 March and 25 October, Chicago 8 March and 1 November.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from sunrelay.schedule.rotations.resolve import (
    Layer,
    Override,
    Rotation,
    away_spans,
    first_handoff,
    flag_conflicts,
)
from sunrelay.sla.calendar import WeeklyInterval

A, B, C, D = 1, 2, 3, 4
NAMES = {A: "A", B: "B", C: "C", D: "D", None: "-"}
MADRID, CHICAGO, NEW_YORK = "Europe/Madrid", "America/Chicago", "America/New_York"


def local(zone: str, text: str) -> datetime:
    """'2026-03-23 09:00' on the wall clock of `zone`, first occurrence when it repeats."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


def naive(text: str) -> datetime:
    return datetime.fromisoformat(text)


def table(rotation: Rotation, start: str, end: str, zone: str | None = None):
    zone = zone or rotation.time_zone
    tz = ZoneInfo(zone)
    return [
        (
            f"{s.start.astimezone(tz):%Y-%m-%d %H:%M}",
            f"{s.end.astimezone(tz):%Y-%m-%d %H:%M}",
            NAMES[s.person],
            round(s.hours, 2),
        )
        for s in rotation.resolve(local(zone, start), local(zone, end))
    ]


def weekdays(start: str, end: str, days=range(5)) -> tuple[WeeklyInterval, ...]:
    return tuple(
        WeeklyInterval(d, time.fromisoformat(start), time.fromisoformat(end)) for d in days
    )


# -- one layer ----------------------------------------------------------------------------------


def test_weekly_shifts_take_turns_from_the_first_handoff():
    layer = Layer((A, B, C), naive("2026-01-05 09:00"), 1, "weeks", MADRID)
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-01-05 00:00", "2026-02-02 12:00") == [
        ("2026-01-05 00:00", "2026-01-05 09:00", "-", 9),  # before the first hand-off
        ("2026-01-05 09:00", "2026-01-12 09:00", "A", 168),
        ("2026-01-12 09:00", "2026-01-19 09:00", "B", 168),
        ("2026-01-19 09:00", "2026-01-26 09:00", "C", 168),
        ("2026-01-26 09:00", "2026-02-02 09:00", "A", 168),
        ("2026-02-02 09:00", "2026-02-02 12:00", "B", 3),  # clipped to the window
    ]


@pytest.mark.parametrize(
    "zone, rows",
    [
        (
            MADRID,
            [
                ("2026-03-16 09:00", "2026-03-23 09:00", "A", 168),
                ("2026-03-23 09:00", "2026-03-30 09:00", "B", 167),  # spring forward 29 March
                ("2026-03-30 09:00", "2026-04-06 09:00", "A", 168),
            ],
        ),
        (
            CHICAGO,
            [
                ("2026-03-02 09:00", "2026-03-09 09:00", "A", 167),  # spring forward 8 March
                ("2026-03-09 09:00", "2026-03-16 09:00", "B", 168),
            ],
        ),
    ],
)
def test_a_weekly_shift_over_spring_forward_lasts_167_hours(zone, rows):
    layer = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", zone)
    rotation = Rotation(zone, [layer])
    assert table(rotation, rows[0][0], rows[-1][1]) == rows


@pytest.mark.parametrize(
    "zone, rows",
    [
        (
            MADRID,
            [
                ("2026-10-19 09:00", "2026-10-26 09:00", "B", 169),  # fall back 25 October
                ("2026-10-26 09:00", "2026-11-02 09:00", "A", 168),
            ],
        ),
        (
            CHICAGO,
            [
                ("2026-10-26 09:00", "2026-11-02 09:00", "A", 169),  # fall back 1 November
                ("2026-11-02 09:00", "2026-11-09 09:00", "B", 168),
            ],
        ),
    ],
)
def test_a_weekly_shift_over_fall_back_lasts_169_hours(zone, rows):
    layer = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", zone)
    rotation = Rotation(zone, [layer])
    assert table(rotation, rows[0][0], rows[-1][1]) == rows


def test_two_week_shifts_keep_their_wall_clock_over_both_changes():
    layer = Layer((A, B), naive("2026-03-02 10:00"), 2, "weeks", MADRID)
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-03-16 10:00", "2026-04-13 10:00") == [
        ("2026-03-16 10:00", "2026-03-30 10:00", "B", 335),
        ("2026-03-30 10:00", "2026-04-13 10:00", "A", 336),
    ]


def test_twelve_hour_shifts_cross_midnight():
    layer = Layer((A, B), naive("2026-06-01 20:00"), 12, "hours", MADRID)
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-06-01 20:00", "2026-06-03 08:00") == [
        ("2026-06-01 20:00", "2026-06-02 08:00", "A", 12),
        ("2026-06-02 08:00", "2026-06-02 20:00", "B", 12),
        ("2026-06-02 20:00", "2026-06-03 08:00", "A", 12),
    ]


def test_a_handoff_in_the_spring_forward_gap_moves_forward_by_the_gap():
    # 02:30 does not exist in Chicago on 8 March: the hand-off happens at 03:30 CDT,
    # the wall-clock reading shifted forward like sla.calendar does.
    layer = Layer((A, B), naive("2026-03-06 02:30"), 1, "days", CHICAGO)
    rotation = Rotation(CHICAGO, [layer])
    assert table(rotation, "2026-03-06 02:30", "2026-03-09 02:30") == [
        ("2026-03-06 02:30", "2026-03-07 02:30", "A", 24),
        ("2026-03-07 02:30", "2026-03-08 03:30", "B", 24),
        ("2026-03-08 03:30", "2026-03-09 02:30", "A", 23),
    ]


def test_a_handoff_in_the_repeated_hour_happens_at_its_first_occurrence():
    # 01:30 happens twice in Chicago on 1 November; the hand-off is at the first (CDT).
    layer = Layer((A, B), naive("2026-10-31 01:30"), 1, "days", CHICAGO)
    rotation = Rotation(CHICAGO, [layer])
    shifts = rotation.resolve(
        local(CHICAGO, "2026-10-31 01:30"), local(CHICAGO, "2026-11-02 01:30")
    )
    assert [(s.start, s.end, NAMES[s.person]) for s in shifts] == [
        (datetime(2026, 10, 31, 6, 30, tzinfo=UTC), datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "A"),
        (datetime(2026, 11, 1, 6, 30, tzinfo=UTC), datetime(2026, 11, 2, 7, 30, tzinfo=UTC), "B"),
    ]
    assert [s.hours for s in shifts] == [24, 25]


def test_one_hour_shifts_skip_the_hour_that_does_not_exist():
    layer = Layer((A, B, C), naive("2026-03-29 00:00"), 1, "hours", MADRID)
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-03-29 00:00", "2026-03-29 05:00") == [
        ("2026-03-29 00:00", "2026-03-29 01:00", "A", 1),
        ("2026-03-29 01:00", "2026-03-29 03:00", "B", 1),  # 02:00 never happens
        # C's 02:00-03:00 shift shrank to nothing and is skipped.
        ("2026-03-29 03:00", "2026-03-29 04:00", "A", 1),
        ("2026-03-29 04:00", "2026-03-29 05:00", "B", 1),
    ]


def test_a_layer_covers_nothing_after_its_end():
    until = local(MADRID, "2026-01-14 12:00")
    layer = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", MADRID, until=until)
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-01-12 00:00", "2026-01-20 00:00") == [
        ("2026-01-12 00:00", "2026-01-12 09:00", "A", 9),
        ("2026-01-12 09:00", "2026-01-14 12:00", "B", 51),
        ("2026-01-14 12:00", "2026-01-20 00:00", "-", 132),
    ]


def test_first_handoff_is_the_first_matching_weekday_on_or_after_the_start():
    assert first_handoff(datetime(2026, 1, 7).date(), time(9), 0) == naive("2026-01-12 09:00")
    assert first_handoff(datetime(2026, 1, 12).date(), time(9), 0) == naive("2026-01-12 09:00")
    assert first_handoff(datetime(2026, 1, 7).date(), time(20)) == naive("2026-01-07 20:00")


# -- restrictions -----------------------------------------------------------------------------


def test_restrictions_keep_the_daytime_and_leave_gaps():
    layer = Layer(
        (A, B),
        naive("2026-01-05 09:00"),
        1,
        "weeks",
        MADRID,
        restrictions=weekdays("09:00", "17:00"),
    )
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-01-09 00:00", "2026-01-13 00:00") == [
        ("2026-01-09 00:00", "2026-01-09 09:00", "-", 9),
        ("2026-01-09 09:00", "2026-01-09 17:00", "A", 8),
        ("2026-01-09 17:00", "2026-01-12 09:00", "-", 64),  # the weekend
        ("2026-01-12 09:00", "2026-01-12 17:00", "B", 8),  # B's week begins at 09:00
        ("2026-01-12 17:00", "2026-01-13 00:00", "-", 7),
    ]


def test_a_restriction_across_midnight_and_a_handoff_inside_it():
    # Night cover 22:00-06:00 every night, daily hand-off at 00:00: each night has two people.
    nights = weekdays("22:00", "06:00", range(7))
    layer = Layer((A, B), naive("2026-02-01 00:00"), 1, "days", MADRID, restrictions=nights)
    rotation = Rotation(MADRID, [layer])
    assert table(rotation, "2026-02-01 12:00", "2026-02-03 12:00") == [
        ("2026-02-01 12:00", "2026-02-01 22:00", "-", 10),
        ("2026-02-01 22:00", "2026-02-02 00:00", "A", 2),
        ("2026-02-02 00:00", "2026-02-02 06:00", "B", 6),
        ("2026-02-02 06:00", "2026-02-02 22:00", "-", 16),
        ("2026-02-02 22:00", "2026-02-03 00:00", "B", 2),
        ("2026-02-03 00:00", "2026-02-03 06:00", "A", 6),
        ("2026-02-03 06:00", "2026-02-03 12:00", "-", 6),
    ]


# -- layers ---------------------------------------------------------------------------------


def test_a_higher_layer_beats_a_lower_one_only_where_it_covers():
    base = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", MADRID)
    daytime = Layer(
        (C,), naive("2026-01-05 00:00"), 1, "days", MADRID, restrictions=weekdays("09:00", "17:00")
    )
    rotation = Rotation(MADRID, [base, daytime])
    assert table(rotation, "2026-01-09 06:00", "2026-01-12 12:00") == [
        ("2026-01-09 06:00", "2026-01-09 09:00", "A", 3),
        ("2026-01-09 09:00", "2026-01-09 17:00", "C", 8),
        ("2026-01-09 17:00", "2026-01-12 09:00", "A", 64),
        ("2026-01-12 09:00", "2026-01-12 12:00", "C", 3),
    ]
    assert [
        s.layer
        for s in rotation.resolve(
            local(MADRID, "2026-01-09 06:00"), local(MADRID, "2026-01-09 18:00")
        )
    ] == [0, 1, 0]


def test_regional_layers_follow_their_own_daytime_when_dst_differs():
    # Madrid covers 08:00-16:00 Madrid, New York 09:00-17:00 New York, the base layer the rest.
    base = Layer((D,), naive("2026-01-05 00:00"), 1, "weeks", MADRID)
    madrid = Layer(
        (A,), naive("2026-01-05 00:00"), 1, "weeks", MADRID, restrictions=weekdays("08:00", "16:00")
    )
    new_york = Layer(
        (B,),
        naive("2026-01-05 00:00"),
        1,
        "weeks",
        NEW_YORK,
        restrictions=weekdays("09:00", "17:00"),
    )
    rotation = Rotation("UTC", [base, madrid, new_york])
    # Tuesday 3 March: both on winter time (Madrid UTC+1, New York UTC-5).
    assert table(rotation, "2026-03-03 00:00", "2026-03-04 00:00") == [
        ("2026-03-03 00:00", "2026-03-03 07:00", "D", 7),
        ("2026-03-03 07:00", "2026-03-03 14:00", "A", 7),
        ("2026-03-03 14:00", "2026-03-03 22:00", "B", 8),  # New York wins the overlap
        ("2026-03-03 22:00", "2026-03-04 00:00", "D", 2),
    ]
    # Tuesday 10 March: New York already on summer time (UTC-4), Madrid not yet.
    assert table(rotation, "2026-03-10 00:00", "2026-03-11 00:00") == [
        ("2026-03-10 00:00", "2026-03-10 07:00", "D", 7),
        ("2026-03-10 07:00", "2026-03-10 13:00", "A", 6),
        ("2026-03-10 13:00", "2026-03-10 21:00", "B", 8),
        ("2026-03-10 21:00", "2026-03-11 00:00", "D", 3),
    ]


def test_a_layer_that_ends_hands_over_to_the_next_generation():
    old = Layer(
        (A, B),
        naive("2026-01-05 09:00"),
        1,
        "weeks",
        MADRID,
        until=local(MADRID, "2026-01-19 09:00"),
    )
    new = Layer((C, D), naive("2026-01-19 09:00"), 1, "weeks", MADRID)
    rotation = Rotation(MADRID, [old, new])
    assert table(rotation, "2026-01-12 09:00", "2026-02-02 09:00") == [
        ("2026-01-12 09:00", "2026-01-19 09:00", "B", 168),
        ("2026-01-19 09:00", "2026-01-26 09:00", "C", 168),
        ("2026-01-26 09:00", "2026-02-02 09:00", "D", 168),
    ]


# -- overrides ------------------------------------------------------------------------------


def test_overrides_on_overrides_later_beats_earlier():
    base = Layer((A,), naive("2026-01-05 09:00"), 1, "weeks", MADRID)
    overrides = [
        Override(B, local(MADRID, "2026-01-06 10:00"), local(MADRID, "2026-01-06 18:00")),
        Override(C, local(MADRID, "2026-01-06 12:00"), local(MADRID, "2026-01-06 14:00")),
    ]
    rotation = Rotation(MADRID, [base], overrides)
    assert table(rotation, "2026-01-06 08:00", "2026-01-06 20:00") == [
        ("2026-01-06 08:00", "2026-01-06 10:00", "A", 2),
        ("2026-01-06 10:00", "2026-01-06 12:00", "B", 2),
        ("2026-01-06 12:00", "2026-01-06 14:00", "C", 2),
        ("2026-01-06 14:00", "2026-01-06 18:00", "B", 4),
        ("2026-01-06 18:00", "2026-01-06 20:00", "A", 2),
    ]
    # The other way round, the later, longer override hides the earlier one completely.
    rotation = Rotation(MADRID, [base], overrides[::-1])
    assert table(rotation, "2026-01-06 08:00", "2026-01-06 20:00") == [
        ("2026-01-06 08:00", "2026-01-06 10:00", "A", 2),
        ("2026-01-06 10:00", "2026-01-06 18:00", "B", 8),
        ("2026-01-06 18:00", "2026-01-06 20:00", "A", 2),
    ]


def test_an_override_fills_a_gap_and_spans_a_handoff():
    layer = Layer(
        (A, B),
        naive("2026-01-05 09:00"),
        1,
        "weeks",
        MADRID,
        restrictions=weekdays("09:00", "17:00"),
    )
    rotation = Rotation(
        MADRID,
        [layer],
        [Override(D, local(MADRID, "2026-01-11 20:00"), local(MADRID, "2026-01-12 11:00"))],
    )
    assert table(rotation, "2026-01-11 12:00", "2026-01-12 17:00") == [
        ("2026-01-11 12:00", "2026-01-11 20:00", "-", 8),
        ("2026-01-11 20:00", "2026-01-12 11:00", "D", 15),
        ("2026-01-12 11:00", "2026-01-12 17:00", "B", 6),
    ]


def test_an_override_splits_a_shift_in_two():
    layer = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", MADRID)
    rotation = Rotation(
        MADRID,
        [layer],
        [Override(C, local(MADRID, "2026-01-07 00:00"), local(MADRID, "2026-01-08 00:00"))],
    )
    assert [
        s.source
        for s in rotation.resolve(
            local(MADRID, "2026-01-05 09:00"), local(MADRID, "2026-01-12 09:00")
        )
    ] == [
        "layer",
        "override",
        "layer",
    ]


# -- on call now -------------------------------------------------------------------------------


def test_on_call_now_honours_overrides():
    layer = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", MADRID)
    override = Override(C, local(MADRID, "2026-01-06 10:00"), local(MADRID, "2026-01-06 18:00"))
    rotation = Rotation(MADRID, [layer], [override])
    during = local(MADRID, "2026-01-06 12:00")
    assert rotation.who(during) == C
    shift = rotation.shift_at(during)
    assert (shift.person, shift.source, shift.start, shift.end) == (
        C,
        "override",
        override.start.astimezone(UTC),
        override.end.astimezone(UTC),
    )
    # The shift A goes back to after the override, and who is next after it.
    assert rotation.next_shift(during).person == A
    assert rotation.next_shift(during).start == override.end
    assert rotation.who(local(MADRID, "2026-01-06 18:00")) == A
    assert rotation.who(local(MADRID, "2026-01-06 09:59")) == A
    after = rotation.next_shift(local(MADRID, "2026-01-06 19:00"))
    assert (after.person, after.start) == (B, local(MADRID, "2026-01-12 09:00"))


def test_on_call_now_finds_the_whole_shift_and_the_gap():
    layer = Layer(
        (A, B),
        naive("2026-01-05 09:00"),
        1,
        "weeks",
        MADRID,
        restrictions=weekdays("09:00", "17:00"),
    )
    rotation = Rotation(MADRID, [layer])
    friday_night = local(MADRID, "2026-01-09 22:00")
    assert rotation.who(friday_night) is None
    gap = rotation.shift_at(friday_night)
    assert (gap.person, gap.start, gap.end) == (
        None,
        local(MADRID, "2026-01-09 17:00"),
        local(MADRID, "2026-01-12 09:00"),
    )
    assert rotation.next_shift(friday_night).person == B


def test_nobody_is_on_call_in_an_empty_rotation():
    rotation = Rotation(MADRID)
    now = local(MADRID, "2026-01-06 12:00")
    assert rotation.who(now) is None
    assert rotation.next_shift(now) is None


# -- time off ---------------------------------------------------------------------------------


def test_time_off_is_flagged_on_the_shifts_it_touches():
    layer = Layer((A, B), naive("2026-01-05 09:00"), 1, "weeks", MADRID)
    rotation = Rotation(MADRID, [layer])
    shifts = rotation.resolve(local(MADRID, "2026-01-05 09:00"), local(MADRID, "2026-01-26 09:00"))
    # B (in New York) is away on Monday 19 January, their local date: from 05:00 UTC.
    away = {B: away_spans(NEW_YORK, [datetime(2026, 1, 19).date()])}
    flagged = flag_conflicts(shifts, away)
    assert [(NAMES[s.person], s.conflict) for s in flagged] == [
        ("A", ""),
        ("B", "time off"),  # 12-19 January ends at 09:00 Madrid = 08:00 UTC, after 05:00 UTC
        ("A", ""),
    ]


def test_consecutive_days_away_join_into_one_span():
    spans = away_spans(MADRID, [datetime(2026, 3, d).date() for d in (28, 29, 30, 2)])
    assert spans == [
        (local(MADRID, "2026-03-02 00:00"), local(MADRID, "2026-03-03 00:00")),
        (local(MADRID, "2026-03-28 00:00"), local(MADRID, "2026-03-31 00:00")),
    ]
