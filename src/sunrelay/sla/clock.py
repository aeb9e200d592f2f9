"""SLA clocks rebuilt from a ticket's history. Pure Python, no Django.

A ticket's history is reduced to `Happening`s (created, customer wrote, agent replied in
public, status changed). For each target the clock runs from its start to its stop, minus
the time the ticket sat in a paused status, measured on the policy's calendar (business or
calendar minutes). The same history and policy always give the same answer, so changing a
policy or a calendar recomputes every deadline exactly.

Targets:
- first_reply: creation → first public agent reply (or solving).
- next_reply: oldest customer message not yet answered → next public agent reply. The
  first customer message is first_reply's business, so next_reply starts after a reply.
- periodic_update: public agent reply → next public agent reply, while unsolved.
- resolution: creation → solved; time spent solved before a reopening does not count.

Deadlines and breaches:
- The deadline is the first instant at which the target's minutes are used up: one reached
  exactly at closing time is the closing, not the next opening.
- A clock that runs past its deadline is breached at the deadline, even when no business
  time passes after it (closed hours, a weekend): nobody waits for the next opening to call
  it late, and a pause taken while closed does not move the breach.
- A reply, solving or a pause exactly at the deadline is in time; a clock still running is
  breached as soon as its deadline is not after now. A clock paused exactly at its deadline
  is breached the moment it runs again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

PAUSED_STATUSES = frozenset({"pending", "on_hold"})
DONE_STATUSES = frozenset({"solved", "closed"})


class Metric(StrEnum):
    FIRST_REPLY = "first_reply"
    NEXT_REPLY = "next_reply"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"


class State(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BREACHED = "breached"
    MET = "met"
    PAUSED = "paused"


@dataclass(frozen=True)
class Happening:
    at: datetime
    kind: str  # "created" | "customer" | "reply" | "status"
    status: str = ""  # the new status, for "created" and "status"


@dataclass(frozen=True)
class Target:
    metric: Metric
    minutes: int
    business: bool = True


@dataclass(frozen=True)
class Measure:
    metric: Metric
    state: State
    target_minutes: int
    elapsed_minutes: float  # on the target's calendar, pauses excluded
    started_at: datetime
    deadline: datetime | None  # None while paused: it moves when the clock resumes
    stopped_at: datetime | None = None  # when the target was met (or stopped late)
    breached_at: datetime | None = None

    @property
    def remaining_minutes(self) -> float:
        return self.target_minutes - self.elapsed_minutes


def _status_changes(history: Sequence[Happening]) -> list[tuple[datetime, str]]:
    return [(h.at, h.status) for h in history if h.kind in ("created", "status")]


def cycles(history: Sequence[Happening], metric: Metric) -> list[tuple[datetime, datetime | None]]:
    """Every cycle of a metric in the history, as (start, stop); stop is None while open."""
    result: list[tuple[datetime, datetime | None]] = []
    open_start: datetime | None = None
    solved_at: datetime | None = None
    replied = False
    for h in history:
        done = h.kind == "status" and h.status in DONE_STATUSES
        if metric is Metric.FIRST_REPLY:
            if h.kind == "created":
                open_start = h.at
            elif open_start is not None and (h.kind == "reply" or done):
                result.append((open_start, h.at))
                open_start = None
        elif metric is Metric.RESOLUTION:
            # One clock from creation; solving stops it, reopening restarts it (the time
            # spent solved is paused, see measure()).
            if h.kind == "created":
                open_start, solved_at = h.at, None
            elif h.kind == "status" and h.status in DONE_STATUSES:
                solved_at = solved_at or h.at
            elif h.kind == "status":
                solved_at = None
        elif metric is Metric.NEXT_REPLY:
            if h.kind == "reply":
                replied = True
                if open_start is not None:
                    result.append((open_start, h.at))
                    open_start = None
            elif h.kind == "customer" and replied and open_start is None:
                open_start = h.at
            elif done and open_start is not None:
                result.append((open_start, h.at))
                open_start = None
        elif metric is Metric.PERIODIC_UPDATE and (h.kind == "reply" or done):
            if open_start is not None:
                result.append((open_start, h.at))
            open_start = h.at if h.kind == "reply" else None
    if metric is Metric.RESOLUTION:
        return [(open_start, solved_at)] if open_start is not None else []
    if open_start is not None:
        result.append((open_start, None))
    return result


def _cycle(history: Sequence[Happening], metric: Metric) -> tuple[datetime, datetime | None] | None:
    found = cycles(history, metric)
    return found[-1] if found else None


def _active_segments(
    history: Sequence[Happening], start: datetime, end: datetime, paused: frozenset[str]
) -> list[tuple[datetime, datetime]]:
    """The stretches of [start, end) during which the ticket was not in a paused status."""
    segments: list[tuple[datetime, datetime]] = []
    changes = _status_changes(history)
    for i, (at, status) in enumerate(changes):
        until = changes[i + 1][0] if i + 1 < len(changes) else end
        s, e = max(at, start), min(until, end)
        if e > s and status not in paused:
            if segments and segments[-1][1] == s:
                segments[-1] = (segments[-1][0], e)
            else:
                segments.append((s, e))
    return segments


# Float slack when comparing instants and minutes computed from epoch seconds.
_SLACK_MINUTES = 1e-6
_SLACK = timedelta(milliseconds=1)


def breach_in(
    calendar, start: datetime, end: datetime, left: float, used: float, running: bool = False
) -> datetime | None:
    """When a clock active from `start` to `end`, with `left` minutes of its budget at
    `start` and `used` minutes on `calendar` in between, passes its deadline (None if it
    does not; the rules are in the module docstring). `running`: the clock still runs at
    `end` (now), so a deadline at `end` itself is passed. The reports (reports.facts) call
    this too, so both say the same."""
    if used < left - _SLACK_MINUTES:
        return None  # the budget outlasts the stretch
    deadline = calendar.add(start, max(left, 0.0))
    if deadline < end - _SLACK or (running and deadline <= end):
        return deadline
    return None


def measure(
    history: Sequence[Happening],
    target: Target,
    calendar,
    now: datetime,
    warn_share: float = 0.75,
) -> Measure | None:
    """The state of one SLA target at `now`, or None when the target does not apply now.

    `history` is in time order and starts with the "created" happening; `calendar` is a
    BusinessCalendar or AlwaysOpen (sunrelay.sla.calendar).
    """
    cycle = _cycle(history, target.metric)
    if cycle is None:
        return None
    start, stop = cycle
    paused = PAUSED_STATUSES | (
        DONE_STATUSES if target.metric is Metric.RESOLUTION else frozenset()
    )
    end = min(stop, now) if stop else now
    status_now = _status_changes([h for h in history if h.at <= now])[-1][1]
    running = stop is None and status_now not in paused
    segments = _active_segments(history, start, end, paused)
    if running and (not segments or segments[-1][1] < now):
        segments.append((now, now))  # it runs from this very instant: created or resumed now
    budget = float(target.minutes)
    elapsed = 0.0
    breached_at = None
    for i, (seg_start, seg_end) in enumerate(segments):
        used = calendar.minutes_between(seg_start, seg_end)
        if breached_at is None:
            still_running = running and i == len(segments) - 1
            left = budget - elapsed
            breached_at = breach_in(calendar, seg_start, seg_end, left, used, still_running)
        elapsed += used
    if stop is not None:
        state = State.BREACHED if breached_at else State.MET
        deadline = breached_at
    elif breached_at is not None:
        state, deadline = State.BREACHED, breached_at
    elif not running:
        state, deadline = State.PAUSED, None
    else:
        resume = segments[-1][0]  # the running stretch, which ends now
        used_before = elapsed - calendar.minutes_between(resume, now)
        deadline = calendar.add(resume, budget - used_before)
        state = State.WARNING if elapsed >= warn_share * budget else State.OK
    return Measure(
        metric=target.metric,
        state=state,
        target_minutes=target.minutes,
        elapsed_minutes=elapsed,
        started_at=start,
        deadline=deadline,
        stopped_at=stop,
        breached_at=breached_at,
    )
