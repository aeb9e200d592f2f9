"""Plain statistics for the reports. Pure Python, no Django.

Durations are minutes (floats). Every function accepts an empty population and answers
None rather than dividing by zero; the wording layer says "no tickets" in words.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence


def mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The middle value; for an even count, the mean of the two middle values."""
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or
    below it (p90 of 10 values is the 9th smallest). Always a value that occurred."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def ratio(n: int, total: int) -> float | None:
    """n / total, or None when there is no population."""
    return n / total if total else None


def change(value: float | None, previous: float | None) -> float | None:
    if value is None or previous is None:
        return None
    return value - previous


def distribution(values: Sequence[float]) -> tuple[int, float | None, float | None, float | None]:
    """(n, mean, median, p90) with one sort: what every duration figure shows."""
    if not values:
        return 0, None, None, None
    ordered = sorted(values)
    n = len(ordered)
    middle = n // 2
    median_value = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    p90 = ordered[max(1, math.ceil(0.9 * n)) - 1]
    return n, math.fsum(ordered) / n, median_value, p90


def count_by(keys: Iterable) -> dict:
    counts: dict = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts
