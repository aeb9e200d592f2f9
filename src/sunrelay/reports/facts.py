"""A ticket's clocks, computed once from its event log and kept for the reports.

Pure Python, no Django. For every cycle of every SLA metric (sla.clock's definitions) and
for every stretch during which the ticket was unsolved, one ClockFact: when it started and
stopped, who stopped it, its length in business and in calendar minutes (the paused time
left out, as the SLA clock does), and when its SLA target was (or, nothing else happening,
will be) crossed. The reports query these rows instead of replaying every history.

Metrics, beyond sla.clock.Metric:
- "resolution": one row per solve, from creation to that solve (pending, on hold and the
  time spent solved before a reopening left out), so a ticket solved, reopened and solved
  again has two rows; while unsolved, one running row.
- "unsolved": the stretches from creation (or a reopening) to the next solve; seq 0 is the
  first, seq 1 and later follow reopenings. They give the backlog at any instant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sunrelay.sla.calendar import AlwaysOpen
from sunrelay.sla.clock import (
    DONE_STATUSES,
    PAUSED_STATUSES,
    Happening,
    Metric,
    Target,
    breach_in,
    cycles,
)

UNSOLVED = "unsolved"
RESOLUTION = Metric.RESOLUTION.value
REPLY_METRICS = (Metric.FIRST_REPLY, Metric.NEXT_REPLY, Metric.PERIODIC_UPDATE)
# Every metric a ClockFact may carry, in the order reports show them.
METRICS = (*(m.value for m in REPLY_METRICS), RESOLUTION, UNSOLVED)

ALWAYS_OPEN = AlwaysOpen()


@dataclass(frozen=True, slots=True)
class Step:
    """One event that moves a clock: kind is "created", "customer", "reply" or "status";
    status is the new status (for "created" and "status"); actor the staff user, if any."""

    at: datetime
    kind: str
    status: str = ""
    actor: int | None = None


@dataclass(frozen=True, slots=True)
class ClockFact:
    metric: str
    seq: int
    started_at: datetime
    stopped_at: datetime | None  # None: still running
    stopped_by: str  # "reply", "solve", or "" while running
    agent_id: int | None  # who stopped it: the replier or the solver
    business_minutes: float | None  # None while running, or without a business calendar
    calendar_minutes: float | None  # None while running
    policy_id: int | None
    target_minutes: int | None
    target_business: bool | None
    # When the target was crossed; for a running clock, when it will be if nothing happens
    # first (None while paused). None: met, or no target.
    breach_at: datetime | None

    @property
    def target_elapsed(self) -> float | None:
        """Minutes on the target's own clock (business or calendar)."""
        return self.business_minutes if self.target_business else self.calendar_minutes


@dataclass(frozen=True, slots=True)
class TicketFacts:
    first_reply_at: datetime | None
    clocks: tuple[ClockFact, ...]


Segment = tuple[datetime, datetime | None]


def active_segments(
    changes: Sequence[tuple[datetime, str]],
    start: datetime,
    end: datetime | None,
    paused: frozenset[str],
) -> list[Segment]:
    """The stretches of [start, end) spent in a status not in `paused`; with end None the
    last stretch stays open (None) when the ticket is not paused at the end of its history.
    The same rule as the SLA clock's (tests hold the two together)."""
    segments: list[Segment] = []
    for i, (at, status) in enumerate(changes):
        following = changes[i + 1][0] if i + 1 < len(changes) else None
        s = max(at, start)
        # Until the next change, or the end; None: open to the end of the history.
        e = end if following is None else (following if end is None else min(following, end))
        if status in paused or (e is not None and e <= s):
            continue
        if segments and segments[-1][1] == s:
            segments[-1] = (segments[-1][0], e)
        else:
            segments.append((s, e))
    return segments


def minutes(segments: Sequence[Segment], calendar) -> float:
    return sum(calendar.minutes_between(s, e) for s, e in segments if e is not None)


def crossing(
    segments: Sequence[Segment], calendar, budget: float, used: Sequence[float] | None = None
) -> datetime | None:
    """When the clock over these segments passes its `budget` on `calendar`, by the SLA
    clock's rule (sla.clock.breach_in: a deadline at closing time is passed at the closing
    once the clock runs on; a stop exactly at it is in time), or None if it never does. A
    running last segment passes it at the deadline. `used`: the closed segments' minutes on
    that calendar, when already known."""
    elapsed = 0.0
    try:
        for i, (s, e) in enumerate(segments):
            if e is None:
                return calendar.add(s, budget - elapsed)
            spent = used[i] if used is not None else calendar.minutes_between(s, e)
            found = breach_in(calendar, s, e, budget - elapsed, spent)
            if found is not None:
                return found
            elapsed += spent
    except ValueError:  # a calendar with no working time ahead never breaches
        return None
    return None


def _stopper(steps: Sequence[Step], stop: datetime) -> Step | None:
    for step in steps:
        if step.at == stop and (
            step.kind == "reply" or (step.kind == "status" and step.status in DONE_STATUSES)
        ):
            return step
    return None


def ticket_facts(
    steps: Sequence[Step],
    *,
    policy_id: int | None = None,
    targets: dict[str, Target] | None = None,
    business_calendar=None,
    calendar_for: Callable[[bool], object] | None = None,
) -> TicketFacts:
    """Every clock of one ticket. `steps` in time order, starting with "created".

    `targets` maps a metric to the ticket's SLA target; `calendar_for(business)` gives the
    calendar a target counts on; `business_calendar` is the one business-time figures use
    (None: no business time for this ticket).
    """
    targets = targets or {}
    happenings = [Happening(s.at, s.kind, s.status) for s in steps]
    changes = [(s.at, s.status) for s in steps if s.kind in ("created", "status")]
    first_reply_at = next((s.at for s in steps if s.kind == "reply"), None)
    clocks: list[ClockFact] = []

    def clock(metric, seq, start, stop, stopper, paused, stopped_by=None) -> None:
        segments = active_segments(changes, start, stop, paused)
        closed = [(s, e) for s, e in segments if e is not None]
        target = targets.get(metric)
        target_calendar = None
        if target is not None:
            target_calendar = calendar_for(target.business) if calendar_for else ALWAYS_OPEN
        done = stop is not None
        calendar_used = [(e.timestamp() - s.timestamp()) / 60 for s, e in closed]
        business_used = None
        if business_calendar is not None and (done or target_calendar is business_calendar):
            business_used = [business_calendar.minutes_between(s, e) for s, e in closed]
        breach = None
        if target is not None:
            if isinstance(target_calendar, AlwaysOpen):
                used = calendar_used
            else:
                used = business_used if target_calendar is business_calendar else None
            breach = crossing(segments, target_calendar, target.minutes, used)
        clocks.append(
            ClockFact(
                metric=metric,
                seq=seq,
                started_at=start,
                stopped_at=stop,
                stopped_by=(stopped_by or ("reply" if stopper.kind == "reply" else "solve"))
                if done and stopper
                else "",
                agent_id=stopper.actor if done and stopper else None,
                business_minutes=sum(business_used) if done and business_used is not None else None,
                calendar_minutes=sum(calendar_used) if done else None,
                policy_id=policy_id if target is not None else None,
                target_minutes=target.minutes if target is not None else None,
                target_business=target.business if target is not None else None,
                breach_at=breach,
            )
        )

    if not steps or steps[0].kind != "created":
        return TicketFacts(first_reply_at, ())
    for metric in REPLY_METRICS:
        for seq, (start, stop) in enumerate(cycles(happenings, metric)):
            stopper = _stopper(steps, stop) if stop is not None else None
            clock(metric.value, seq, start, stop, stopper, PAUSED_STATUSES)

    # Unsolved stretches, and a resolution clock per solve.
    created = steps[0].at
    spans: list[tuple[datetime, Step | None]] = []  # (start, the solving step)
    open_since: datetime | None = None
    for step in steps:
        if step.kind not in ("created", "status"):
            continue
        done = step.status in DONE_STATUSES
        if not done and open_since is None:
            open_since = step.at
        elif done and open_since is not None:
            spans.append((open_since, step))
            open_since = None
    if open_since is not None:
        spans.append((open_since, None))
    resolution_paused = PAUSED_STATUSES | DONE_STATUSES
    for seq, (start, solver) in enumerate(spans):
        stop = solver.at if solver else None
        clocks.append(
            ClockFact(
                metric=UNSOLVED,
                seq=seq,
                started_at=start,
                stopped_at=stop,
                stopped_by="solve" if solver else "",
                agent_id=solver.actor if solver else None,
                business_minutes=None,
                calendar_minutes=(stop.timestamp() - start.timestamp()) / 60 if solver else None,
                policy_id=None,
                target_minutes=None,
                target_business=None,
                breach_at=None,
            )
        )
        clock(RESOLUTION, seq, created, stop, solver, resolution_paused, "solve")
    return TicketFacts(first_reply_at, tuple(clocks))
