"""Latencies and errors of many threads' operations, summed up as figures."""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections import defaultdict

# Enough examples of each kind of error to say what went wrong, not a log of every one.
ERROR_SAMPLES = 5


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 for p95); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: dict[str, list[str]] = defaultdict(list)

    def ok(self, op: str, seconds: float) -> None:
        with self.lock:
            self.latencies[op].append(seconds)

    def error(self, op: str, what: str) -> None:
        with self.lock:
            self.errors[op] += 1
            if len(self.samples[op]) < ERROR_SAMPLES:
                self.samples[op].append(what[:300])

    @contextlib.contextmanager
    def timed(self, op: str):
        """Times the block as `op`; an exception in it is counted as an error, not raised."""
        started = time.perf_counter()
        try:
            yield
        except Exception as exc:  # every failure is a finding to count, not a reason to stop
            self.error(op, f"{type(exc).__name__}: {exc}")
        else:
            self.ok(op, time.perf_counter() - started)

    def total_errors(self) -> int:
        with self.lock:
            return sum(self.errors.values())

    def summary(self, seconds: float) -> dict:
        """Per operation: count, rate, p50/p95/max milliseconds, errors and error samples."""
        with self.lock:
            ops = sorted(set(self.latencies) | set(self.errors))
            return {
                op: {
                    "count": len(self.latencies[op]),
                    "per_second": round(len(self.latencies[op]) / seconds, 2) if seconds else 0,
                    "p50_ms": round(percentile(self.latencies[op], 0.50) * 1000, 1),
                    "p95_ms": round(percentile(self.latencies[op], 0.95) * 1000, 1),
                    "max_ms": round(max(self.latencies[op], default=0) * 1000, 1),
                    "errors": self.errors[op],
                    "error_samples": list(self.samples[op]),
                }
                for op in ops
            }
