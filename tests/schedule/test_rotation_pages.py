"""The rotation page's day bars: each day is its own length, 23 or 25 hours on DST days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sunrelay.schedule.rotations.pages import Row, days_of
from sunrelay.schedule.rotations.resolve import LAYER, Shift

MADRID = "Europe/Madrid"


def row(start: datetime, end: datetime, person: int) -> Row:
    return Row(Shift(start, end, person, LAYER, 0), None, "Day layer", 0)


@pytest.mark.parametrize(
    "midnight, noon, next_midnight, hours",
    [
        # Sunday 29 March 2026: 23 hours (02:00 CET becomes 03:00 CEST).
        (datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 3, 29, 10, tzinfo=UTC),
         datetime(2026, 3, 29, 22, tzinfo=UTC), 23),
        # Sunday 25 October 2026: 25 hours (03:00 CEST becomes 02:00 CET).
        (datetime(2026, 10, 24, 22, tzinfo=UTC), datetime(2026, 10, 25, 11, tzinfo=UTC),
         datetime(2026, 10, 25, 23, tzinfo=UTC), 25),
    ],
)  # fmt: skip
def test_day_bars_on_dst_days_use_elapsed_time(midnight, noon, next_midnight, hours):
    rows = [row(midnight, noon, 1), row(noon, next_midnight, 2)]
    (day,) = days_of(rows, MADRID, midnight, next_midnight)
    morning, afternoon = day.bars
    first_hours = (noon - midnight).total_seconds() / 3600
    assert morning.left == 0
    assert morning.width == pytest.approx(first_hours / hours * 100, abs=0.001)
    assert afternoon.left == pytest.approx(morning.width, abs=0.001)
    assert morning.width + afternoon.width == pytest.approx(100, abs=0.002)
