"""The arithmetic of a score (health/scoring.py): no database."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sunrelay.health import scoring
from sunrelay.health.scoring import Part


def part(points, weight, measure=1):
    return Part(measure, f"m{measure}", "usage", points, points, weight)


def test_it_scores_the_worked_example_40_1_shown_as_40():
    parts = [part(47, 20, 1), part(59, 15, 2), part(21, 22, 3)]
    score = scoring.overall(parts)
    assert score == Decimal("40.1")
    assert scoring.shown(score) == 40
    assert scoring.band(40) == "red"


def test_it_leaves_out_measures_without_a_value_and_normalises_the_rest():
    parts = [part(80, 10, 1), Part(2, "CSAT", "csat", None, None, 90)]
    assert scoring.overall(parts) == Decimal("80.0")
    assert scoring.overall([Part(2, "CSAT", "csat", None, None, 90)]) is None


def test_it_maps_values_to_points_linearly_clamped_either_way():
    assert scoring.points(2500, 0, 5000) == 50.0
    assert scoring.points(9000, 0, 5000) == 100.0
    assert scoring.points(-1, 0, 5000) == 0.0
    # Fewer is better: 5 breaches score 0, none 100.
    assert scoring.points(2, 5, 0) == 60.0
    assert scoring.points(None, 5, 0) is None


def test_bands_follow_the_defaults_0_50_51_75_76_100():
    assert [scoring.band(n) for n in (0, 50, 51, 75, 76, 100)] == [
        "red", "red", "yellow", "yellow", "green", "green",
    ]  # fmt: skip


def test_shown_rounds_half_up_and_trend_compares_shown_scores():
    assert scoring.shown(Decimal("40.5")) == 41
    assert scoring.trend(None, 40) == "flat"
    assert scoring.trend(45, 40) == "down"
    assert scoring.trend(40, 41) == "up"


@given(
    st.lists(
        st.tuples(st.floats(0, 100, allow_nan=False), st.integers(1, 100)), min_size=1, max_size=8
    )
)
def test_the_score_stays_between_the_lowest_and_highest_points(rows):
    parts = [part(round(p, 1), w, i) for i, (p, w) in enumerate(rows)]
    score = scoring.overall(parts)
    low = min(p.points for p in parts)
    high = max(p.points for p in parts)
    assert Decimal(str(low)) - Decimal("0.05") <= score <= Decimal(str(high)) + Decimal("0.05")
