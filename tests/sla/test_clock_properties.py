"""Properties of SLA clocks over random calendars and pause histories, checked against
active business minutes counted here from the history itself."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sunrelay.sla.clock import Happening, Measure, Metric, State, Target, measure
from tests.sla.test_calendar_properties import calendars, instants

TOLERANCE = 1e-6  # minutes

toggles = st.lists(st.integers(1, 3 * 24 * 60), max_size=6)


def history_of(start: datetime, gaps: list[int]) -> list[Happening]:
    """Created open at `start`, then pending and open in turn, `gaps` minutes apart."""
    history = [Happening(start, "created", "open")]
    at = start
    for i, gap in enumerate(gaps):
        at += timedelta(minutes=gap)
        history.append(Happening(at, "status", "pending" if i % 2 == 0 else "open"))
    return history


def active(history: list[Happening], now: datetime) -> list[tuple[datetime, datetime]]:
    changes = [(h.at, h.status) for h in history]
    ends = [at for at, _ in changes[1:]] + [now]
    return [(at, min(end, now)) for (at, s), end in zip(changes, ends, strict=True) if s == "open"]


def used(cal, stretches, until: datetime) -> float:
    return sum(cal.minutes_between(s, min(e, until)) for s, e in stretches if s < until)


def budget(cal, history: list[Happening], minutes: int, at_closing: bool) -> int:
    """`minutes`, or when `at_closing` the active business minutes up to the first closing
    `minutes` after creation: a deadline exactly at closing time, where no business time
    follows (the case a breach used to wait for the next opening)."""
    if not at_closing:
        return minutes
    try:
        closing = cal.next_closing(history[0].at + timedelta(minutes=minutes))
    except ValueError:
        assume(False)
        raise
    whole = round(used(cal, active(history, closing), closing))
    assume(whole >= 1)
    return whole


def measured(history, minutes, cal, now) -> Measure:
    try:
        return measure(history, Target(Metric.FIRST_REPLY, minutes), cal, now)
    except ValueError:
        assume(False)  # beyond the calendar's horizon (a minute a week, say)
        raise


@settings(max_examples=300, deadline=None)
@given(
    cal=calendars,
    start=instants,
    minutes=st.integers(1, 3000),
    at_closing=st.booleans(),
    gaps=toggles,
    later=st.integers(0, 14 * 24 * 60),
)
def test_a_clock_is_breached_exactly_when_it_ran_past_its_deadline(
    cal, start, minutes, at_closing, gaps, later
):
    start = start.replace(second=0, microsecond=0)
    history = history_of(start, gaps)
    minutes = budget(cal, history, minutes, at_closing)
    now = history[-1].at + timedelta(minutes=later)
    m = measured(history, minutes, cal, now)
    stretches = active(history, now)
    running = history[-1].status == "open"
    if m.state is State.BREACHED:
        assert m.breached_at <= now
        assert used(cal, stretches, m.breached_at) == pytest.approx(minutes, abs=TOLERANCE)
        # The clock ran on after the deadline (or runs at it, now).
        assert any(e > m.breached_at for _, e in stretches) or (running and m.breached_at == now)
    elif m.state is State.PAUSED:
        assert not running
        assert used(cal, stretches, now) <= minutes + TOLERANCE
    else:
        assert running and m.deadline > now
        left = minutes - used(cal, stretches, now)
        assert cal.minutes_between(now, m.deadline) == pytest.approx(left, abs=TOLERANCE)


@settings(max_examples=300, deadline=None)
@given(
    cal=calendars,
    start=instants,
    minutes=st.integers(1, 3000),
    at_closing=st.booleans(),
    gaps=toggles,
    later=st.integers(1, 14 * 24 * 60),
    after_deadline=st.booleans(),
    pause_at=st.integers(1, 12 * 60),
    pause_for=st.integers(1, 3 * 24 * 60),
)
def test_a_pause_while_closed_changes_nothing(
    cal, start, minutes, at_closing, gaps, later, after_deadline, pause_at, pause_for
):
    """A pause that uses no business time moves neither the deadline nor a breach (one that
    begins exactly at the deadline is a stop in time, and is left out)."""
    start = start.replace(second=0, microsecond=0)
    history = history_of(start, gaps)
    minutes = budget(cal, history, minutes, at_closing)
    now = history[-1].at + timedelta(minutes=later)
    before = measured(history, minutes, cal, now)
    deadline = before.breached_at or before.deadline
    anchor = deadline if after_deadline and deadline else start
    pause = anchor + timedelta(minutes=pause_at)
    assume(pause < now and not cal.is_open(pause))
    resume = min(cal.next_opening(pause), pause + timedelta(minutes=pause_for), now)
    assume(resume > pause and pause not in (before.deadline, before.breached_at))
    changes = [h.at for h in history]
    assume(not any(pause <= at <= resume for at in changes))
    status_then = [h.status for h in history if h.at < pause][-1]
    assume(status_then == "open")
    paused = sorted(
        [*history, Happening(pause, "status", "pending"), Happening(resume, "status", "open")],
        key=lambda h: h.at,
    )
    after = measured(paused, minutes, cal, now)
    assert (after.state, after.breached_at) == (before.state, before.breached_at)
    assert after.deadline == before.deadline
