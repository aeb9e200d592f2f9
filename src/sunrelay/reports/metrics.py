"""The metric formulas over rows already fetched. Pure Python, no Django.

Each function takes the rows of the period and of the previous period and returns figures
with their reference (previous value, change, population, target). docs/metrics.md gives the
definitions in words; tests/reports/ checks them on hand-built histories.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from operator import is_not, itemgetter
from zoneinfo import ZoneInfo

from sunrelay.reports import stats
from sunrelay.reports.figures import (
    AgeBucket,
    Breakdown,
    Count,
    Growth,
    Share,
    Stats,
    Timing,
    TimingRow,
)

HOURS_IN_WEEK = 168
DAY = 24 * 60

# Backlog ages (minutes since the ticket was received), each bucket [low, high).
AGE_BUCKETS = (
    ("under_1d", "under 1 day", 0, DAY),
    ("1d_3d", "1–3 days", DAY, 3 * DAY),
    ("3d_7d", "3–7 days", 3 * DAY, 7 * DAY),
    ("1w_4w", "1–4 weeks", 7 * DAY, 28 * DAY),
    ("over_4w", "over 4 weeks", 28 * DAY, None),
)


@dataclass(frozen=True, slots=True)
class ClockRow:
    """One stopped clock with the dimensions of its ticket, as the reports read it."""

    ticket_id: int
    seq: int
    agent_id: int | None
    business: float | None
    calendar: float
    target: int | None
    breached: bool  # the target was crossed (False without a target)
    tier: str
    strategic: bool
    channel: str
    level: str
    skill: str


def count(value: int, previous: int, total: int | None = None, previous_total: int | None = None):
    return Count(
        value=value,
        previous=previous,
        change=value - previous,
        total=total,
        previous_total=previous_total,
        share=stats.ratio(value, total) if total is not None else None,
        previous_share=stats.ratio(previous, previous_total)
        if previous_total is not None
        else None,
    )


def summarize(values: Sequence[float]) -> Stats:
    return Stats(*stats.distribution(values))


def timing(rows: Sequence[ClockRow], previous: Sequence[ClockRow]) -> Timing:
    business = summarize([r.business for r in rows if r.business is not None])
    previous_business = summarize([r.business for r in previous if r.business is not None])
    with_target = [r for r in rows if r.target is not None]
    previous_with_target = [r for r in previous if r.target is not None]
    return Timing(
        n=len(rows),
        business=business,
        calendar=summarize([r.calendar for r in rows]),
        previous_business=previous_business,
        previous_calendar=summarize([r.calendar for r in previous]),
        change=stats.change(business.mean, previous_business.mean),
        with_target=len(with_target),
        met=sum(1 for r in with_target if not r.breached),
        previous_with_target=len(previous_with_target),
        previous_met=sum(1 for r in previous_with_target if not r.breached),
        targets=sorted({r.target for r in with_target}),
    )


def last_per_ticket(rows: Iterable[ClockRow]) -> list[ClockRow]:
    """The latest clock (highest seq) of each ticket: a ticket solved twice in a week
    counts once, with the time to its last solve."""
    latest: dict[int, ClockRow] = {}
    for row in rows:
        kept = latest.get(row.ticket_id)
        if kept is None or row.seq > kept.seq:
            latest[row.ticket_id] = row
    return list(latest.values())


def _stats_of_sorted(values: list[float]) -> Stats:
    n = len(values)
    if not n:
        return Stats(0, None, None, None)
    middle = n // 2
    median = values[middle] if n % 2 else (values[middle - 1] + values[middle]) / 2
    return Stats(n, math.fsum(values) / n, median, values[max(1, math.ceil(0.9 * n)) - 1])


class _Columns:
    """A period's rows by column, so that each group's values are gathered and sorted in C."""

    def __init__(self, rows: Sequence[ClockRow]):
        self.rows = rows
        self.business = [r.business for r in rows]
        self.calendar = [r.calendar for r in rows]
        self.target = [r.target for r in rows]
        self.met = [1 if r.target is not None and not r.breached else 0 for r in rows]


def _gather(column: list, indexes: list[int]) -> list:
    if len(indexes) == 1:
        return [column[indexes[0]]]
    return list(itemgetter(*indexes)(column))


_NOT_NONE = partial(is_not, None)


def _timing_of(
    period: _Columns | None, indexes: list[int], previous: _Columns | None, before: list[int]
) -> Timing:
    def parts(columns, idx):
        if columns is None or not idx:
            return Stats(0, None, None, None), Stats(0, None, None, None), 0, 0, []
        targets = _gather(columns.target, idx)
        with_target = len(targets) - targets.count(None)
        business = sorted(filter(_NOT_NONE, _gather(columns.business, idx)))
        calendar = sorted(_gather(columns.calendar, idx))
        met = sum(_gather(columns.met, idx))
        distinct = sorted(set(filter(_NOT_NONE, targets)))
        return _stats_of_sorted(business), _stats_of_sorted(calendar), with_target, met, distinct

    business, calendar, with_target, met, targets = parts(period, indexes)
    previous_business, previous_calendar, previous_with_target, previous_met, _ = parts(
        previous, before
    )
    return Timing(
        n=len(indexes),
        business=business,
        calendar=calendar,
        previous_business=previous_business,
        previous_calendar=previous_calendar,
        change=stats.change(business.mean, previous_business.mean),
        with_target=with_target,
        met=met,
        previous_with_target=previous_with_target,
        previous_met=previous_met,
        targets=targets,
    )


def _index_groups(keys: list[str]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        group = groups.get(key)
        if group is None:
            groups[key] = group = []
        group.append(i)
    return groups


Dimension = tuple[str, Callable[[ClockRow], str], Callable[[str], str], Sequence[str]]


def breakdowns(
    metric: str,
    rows: Sequence[ClockRow],
    previous: Sequence[ClockRow],
    dimensions: Sequence[Dimension],
) -> list[Breakdown]:
    """For each dimension (name, key, label, preferred order of keys): one row per key seen
    in either period, in that order first, then by label. Each row's Timing equals timing()
    of that key's rows."""
    now, before = _Columns(rows), _Columns(previous)
    result = []
    for name, key, label, order in dimensions:
        now_groups = _index_groups([key(r) for r in rows])
        previous_groups = _index_groups([key(r) for r in previous])
        rank = {k: i for i, k in enumerate(order)}
        keys = sorted(
            set(now_groups) | set(previous_groups),
            key=lambda k: (rank.get(k, len(rank)), label(k).lower(), k),
        )
        result.append(
            Breakdown(
                metric=metric,
                dimension=name,
                rows=[
                    TimingRow(
                        k,
                        label(k),
                        _timing_of(now, now_groups.get(k, []), before, previous_groups.get(k, [])),
                    )
                    for k in keys
                ],
            )
        )
    return result


def breakdown(metric, dimension, rows, previous, key, label, order=()) -> Breakdown:
    return breakdowns(metric, rows, previous, [(dimension, key, label, order)])[0]


def age_buckets(ages: Sequence[float], previous_ages: Sequence[float]) -> list[AgeBucket]:
    def bucket_counts(values):
        counts = [0] * len(AGE_BUCKETS)
        for age in values:
            for i, (_, _, low, high) in enumerate(AGE_BUCKETS):
                if age >= low and (high is None or age < high):
                    counts[i] += 1
                    break
        return counts

    now, before = bucket_counts(ages), bucket_counts(previous_ages)
    return [
        AgeBucket(key, label, now[i], before[i]) for i, (key, label, _, _) in enumerate(AGE_BUCKETS)
    ]


def shares(
    keys: Iterable[str], previous_keys: Iterable[str], labels: dict[str, str]
) -> list[Share]:
    """Counts per key (in the order of `labels`, unknown keys after), both periods."""
    now, before = stats.count_by(keys), stats.count_by(previous_keys)
    ordered = [k for k in labels if k in now or k in before]
    ordered += sorted(k for k in set(now) | set(before) if k not in labels)
    return [Share(k, labels.get(k, k), now.get(k, 0), before.get(k, 0)) for k in ordered]


def growth(now: dict, previous: dict, label: Callable[[object], str], top: int = 5) -> list[Growth]:
    """The keys whose count grew the most from the previous period (only growth)."""
    rows = [
        Growth(
            str(k), label(k), now.get(k, 0), previous.get(k, 0), now.get(k, 0) - previous.get(k, 0)
        )
        for k in set(now) | set(previous)
    ]
    rows = [r for r in rows if r.change > 0]
    rows.sort(key=lambda r: (-r.change, -r.value, r.label.lower()))
    return rows[:top]


def backlog_series(last: int, started: Sequence[int], stopped: Sequence[int]) -> list[int]:
    """Backlog at the end of each week, oldest first, walked back from the last week's:
    end(w - 1) = end(w) - stretches started in w + stretches stopped in w."""
    series = [last]
    for i in range(len(started) - 1, 0, -1):
        series.append(series[-1] - started[i] + stopped[i])
    return list(reversed(series))


def hour_of_week(instants: Iterable[datetime], zone: str) -> list[int]:
    """How many instants fall in each local hour of the week (0 = Monday 00:00-01:00)."""
    tz = ZoneInfo(zone)
    counts = [0] * HOURS_IN_WEEK
    for instant in instants:
        local = instant.astimezone(tz)
        counts[local.weekday() * 24 + local.hour] += 1
    return counts


def hour_middles(week_start: datetime, zone: str) -> list[datetime]:
    """The middle of each local hour of the week, as aware instants (a local hour skipped
    by DST reads as the hour after the gap; a repeated one as its first occurrence)."""
    tz = ZoneInfo(zone)
    monday = week_start.astimezone(tz).replace(tzinfo=None)
    return [
        (monday + timedelta(hours=h, minutes=30)).replace(tzinfo=tz) for h in range(HOURS_IN_WEEK)
    ]
