"""Properties of rotation resolution over random layers, restrictions and overrides."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sunrelay.schedule.rotations import pages
from sunrelay.schedule.rotations.resolve import Layer, Override, Rotation
from sunrelay.sla.calendar import WeeklyInterval

ZONES = ["Europe/Madrid", "America/Chicago", "America/New_York", "UTC"]
BASE = datetime(2026, 3, 1, tzinfo=UTC)  # a month with DST changes on both sides

windows = st.builds(
    WeeklyInterval,
    st.integers(0, 6),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 30])),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 30])),
)
layers = st.builds(
    Layer,
    participants=st.lists(st.integers(1, 5), min_size=1, max_size=4).map(tuple),
    first_handoff=st.builds(
        lambda days, minutes: datetime(2026, 2, 20) + timedelta(days=days, minutes=minutes),
        st.integers(0, 20),
        st.integers(0, 24 * 60 - 1),
    ),
    length=st.integers(1, 3),
    unit=st.sampled_from(["hours", "days", "weeks"]),
    time_zone=st.sampled_from(ZONES),
    restrictions=st.lists(windows, max_size=3).map(tuple),
)
overrides = st.builds(
    lambda person, start, hours: Override(
        person, BASE + timedelta(minutes=start), BASE + timedelta(minutes=start, hours=hours)
    ),
    st.integers(1, 5),
    st.integers(0, 30 * 24 * 60),
    st.integers(1, 72),
)
rotations = st.builds(
    Rotation,
    st.sampled_from(ZONES),
    st.lists(layers, max_size=3),
    st.lists(overrides, max_size=6),
)
offsets = st.lists(st.integers(0, 30 * 24 * 60 - 1), min_size=1, max_size=10)


@settings(max_examples=150, deadline=None)
@given(rotations, offsets)
def test_resolution_tiles_the_window_and_who_agrees_with_it(rotation, minutes):
    start, end = BASE, BASE + timedelta(days=30)
    shifts = rotation.resolve(start, end)
    assert shifts[0].start == start and shifts[-1].end == end
    for before, after in zip(shifts, shifts[1:], strict=False):
        assert before.end == after.start  # no overlap, no hole
        assert before.start < before.end
        if before.person is None:
            assert after.person is not None  # gaps are joined
    for m in minutes:
        at = start + timedelta(minutes=m)
        covering = next(s for s in shifts if s.start <= at < s.end)
        assert rotation.who(at) == covering.person
        assert rotation.shift_at(at).person == covering.person


@settings(max_examples=100, deadline=None)
@given(rotations, overrides, offsets)
def test_the_latest_override_always_wins_where_it_covers(rotation, extra, minutes):
    rotation = Rotation(rotation.time_zone, rotation.layers, [*rotation.overrides, extra])
    for m in minutes:
        at = extra.start + timedelta(
            minutes=m % int((extra.end - extra.start).total_seconds() // 60)
        )
        assert rotation.who(at) == extra.person


@settings(max_examples=100, deadline=None)
@given(rotations)
def test_a_window_resolves_the_same_as_its_two_halves(rotation):
    start, middle, end = BASE, BASE + timedelta(days=9, hours=5), BASE + timedelta(days=20)

    whole = rotation.resolve(start, end)
    halves = rotation.resolve(start, middle) + rotation.resolve(middle, end)

    def edges(shifts):
        return {t for s in shifts for t in (s.start, s.end)} - {middle}

    # Cutting at `middle` may split one shift in two; otherwise the answers are identical.
    assert edges(halves) == edges(whole)
    for half in halves:
        covering = next(s for s in whole if s.start <= half.start < s.end)
        assert (half.person, half.source) == (covering.person, covering.source)


@settings(max_examples=100, deadline=None)
@given(rotations)
def test_each_days_bars_fill_the_day_whatever_its_length(rotation):
    # The rotation page's day bars, over a month with DST changes in every zone but UTC.
    start, end = pages.window(rotation.time_zone, BASE, weeks=5)
    rows = [pages.Row(s, None, "", 0) for s in rotation.resolve(start, end)]
    for day in pages.days_of(rows, rotation.time_zone, start, end):
        assert sum(b.width for b in day.bars) == pytest.approx(100, abs=0.001 * len(day.bars))
        for before, after in zip(day.bars, day.bars[1:], strict=False):
            assert before.left + before.width == pytest.approx(after.left, abs=0.002)
