"""The state of a stored SLA target as of now. Pure Python, no Django.

TicketSla rows are rebuilt when a ticket changes and when the worker sees a warning or a
deadline come due, so between two passes a row can say "ok" for a deadline that just went
by. Pages and the API show the state as of the moment they are read, so a queue never
paints "ok" beside "breached 2 min ago".
"""

from __future__ import annotations

from datetime import datetime

from sunrelay.sla.clock import Metric, State

# The order targets are shown in, and their names in words.
METRIC_LABELS = {
    Metric.FIRST_REPLY.value: "First reply",
    Metric.NEXT_REPLY.value: "Next reply",
    Metric.PERIODIC_UPDATE.value: "Periodic update",
    Metric.RESOLUTION.value: "Resolution",
}


def is_running(state: str, deadline: datetime | None, stopped_at: datetime | None) -> bool:
    """The clock runs toward (or past) its deadline: not paused, not stopped by a reply."""
    return (
        stopped_at is None
        and deadline is not None
        and state in (State.OK, State.WARNING, State.BREACHED)
    )


def state_at(
    state: str,
    deadline: datetime | None,
    warn_at: datetime | None,
    stopped_at: datetime | None,
    now: datetime,
) -> str:
    """`state` moved on to warning or breached if `now` is past warn_at or the deadline."""
    if not is_running(state, deadline, stopped_at):
        return state
    if deadline <= now:
        return State.BREACHED.value
    if state == State.OK and warn_at is not None and warn_at <= now:
        return State.WARNING.value
    return str(state)
