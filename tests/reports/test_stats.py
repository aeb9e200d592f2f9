"""Mean, median and the 90th percentile as docs/metrics.md defines them; empty is None."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sunrelay.reports import stats


def test_the_definitions_on_small_samples():
    assert stats.median([5, 1, 3]) == 3
    assert stats.median([4, 1, 3, 2]) == 2.5  # the mean of the two middle values
    # Nearest rank: the smallest value with at least 90 % of the values at or below it.
    assert stats.percentile(list(range(1, 11)), 0.9) == 9
    assert stats.percentile(list(range(1, 12)), 0.9) == 10
    assert stats.percentile([7], 0.9) == 7
    assert stats.mean([1, 2, 6]) == 3


def test_empty_populations_answer_none_not_a_division_by_zero():
    assert stats.mean([]) is None and stats.median([]) is None
    assert stats.percentile([], 0.9) is None
    assert stats.ratio(3, 0) is None
    assert stats.distribution([]) == (0, None, None, None)
    assert stats.change(None, 4) is None


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=60))
def test_the_one_sort_distribution_matches_the_separate_functions(values):
    n, mean, median, p90 = stats.distribution(values)
    assert n == len(values)
    assert abs(mean - stats.mean(values)) <= 1e-9 * max(1.0, abs(mean))
    assert median == stats.median(values)
    assert p90 == stats.percentile(values, 0.9)
