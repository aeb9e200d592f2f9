"""Each ticket's clocks from its history: cycles, pauses, reopenings, running clocks,
and agreement with the SLA clock (sla.clock.measure) on every cycle it measures."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sunrelay.reports.facts import Step, ticket_facts
from sunrelay.sla.calendar import AlwaysOpen, BusinessCalendar, WeeklyInterval
from sunrelay.sla.clock import Happening, Metric, Target, measure

OFFICE = BusinessCalendar("UTC", [WeeklyInterval(d, time(9), time(17)) for d in range(5)])
ALWAYS = AlwaysOpen()
TARGETS = {
    "first_reply": Target(Metric.FIRST_REPLY, 240),
    "next_reply": Target(Metric.NEXT_REPLY, 480),
    "periodic_update": Target(Metric.PERIODIC_UPDATE, 60, business=False),
    "resolution": Target(Metric.RESOLUTION, 960),
}


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def facts(steps, targets=TARGETS):
    return ticket_facts(
        steps,
        policy_id=7,
        targets=targets,
        business_calendar=OFFICE,
        calendar_for=lambda business: OFFICE if business else ALWAYS,
    )


def clocks(result, metric):
    return [c for c in result.clocks if c.metric == metric]


# Tuesday 17 November 2026 is a working day; the office is open 09-17 UTC.
PAUSED_AND_SOLVED = [
    Step(at(17, 10), "created", "new"),
    Step(at(17, 12), "reply", actor=1),
    Step(at(17, 12), "status", "pending", actor=1),
    Step(at(18, 9), "customer"),
    Step(at(18, 9), "status", "open"),
    Step(at(18, 10, 30), "reply", actor=2),
    Step(at(18, 11), "status", "solved", actor=2),
]


def test_first_and_next_reply_are_timed_on_both_clocks_and_credited_to_the_replier():
    result = facts(PAUSED_AND_SOLVED)
    assert result.first_reply_at == at(17, 12)
    (first,) = clocks(result, "first_reply")
    assert (first.business_minutes, first.calendar_minutes, first.agent_id) == (120, 120, 1)
    assert (first.stopped_by, first.breach_at, first.target_minutes) == ("reply", None, 240)
    (next_reply,) = clocks(result, "next_reply")
    assert (next_reply.started_at, next_reply.business_minutes, next_reply.agent_id) == (
        at(18, 9),
        90,
        2,
    )


def test_resolution_leaves_out_the_wait_on_the_customer():
    (resolution,) = clocks(facts(PAUSED_AND_SOLVED), "resolution")
    # 10-12 on the 17th and 09-11 on the 18th; the pending night does not count.
    assert (resolution.business_minutes, resolution.calendar_minutes) == (240, 240)
    assert (resolution.stopped_by, resolution.agent_id) == ("solve", 2)


def test_a_reopened_ticket_has_a_stretch_and_a_resolution_per_solve():
    steps = [
        Step(at(12, 9), "created", "new"),
        Step(at(12, 15), "reply", actor=1),
        Step(at(12, 15), "status", "open", actor=1),
        Step(at(13, 10), "status", "solved", actor=1),
        Step(at(17, 9), "customer"),
        Step(at(17, 9), "status", "open"),
        Step(at(17, 9, 30), "reply", actor=1),
        Step(at(17, 10), "status", "solved", actor=1),
        Step(at(18, 10), "status", "closed"),
    ]
    result = facts(steps)
    stretches = clocks(result, "unsolved")
    assert [(s.seq, s.started_at, s.stopped_at) for s in stretches] == [
        (0, at(12, 9), at(13, 10)),
        (1, at(17, 9), at(17, 10)),
    ]
    first, second = clocks(result, "resolution")
    assert (first.business_minutes, first.calendar_minutes) == (540, 1500)
    # Cumulative, without the four days it spent solved before the customer wrote again.
    assert (second.business_minutes, second.calendar_minutes) == (600, 1560)
    (late_first_reply,) = clocks(result, "first_reply")
    assert late_first_reply.breach_at == at(12, 13)  # 240 business minutes after 09:00


def test_a_running_clock_carries_the_moment_it_will_breach_unless_paused():
    waiting = facts([Step(at(18, 8), "created", "new")])
    (first,) = clocks(waiting, "first_reply")
    assert first.stopped_at is None and first.business_minutes is None
    assert first.breach_at == at(18, 13)  # opens at 09:00, 240 business minutes later
    (stretch,) = clocks(waiting, "unsolved")
    assert stretch.stopped_at is None
    paused = facts(
        [
            Step(at(18, 8), "created", "new"),
            Step(at(18, 9), "reply", actor=1),
            Step(at(18, 9), "status", "pending", actor=1),
        ]
    )
    (resolution,) = clocks(paused, "resolution")
    assert resolution.stopped_at is None and resolution.breach_at is None


def test_without_a_business_calendar_there_is_no_business_time():
    result = ticket_facts(PAUSED_AND_SOLVED, business_calendar=None)
    (first,) = clocks(result, "first_reply")
    assert first.business_minutes is None and first.calendar_minutes == 120
    assert first.target_minutes is None and first.breach_at is None


def test_a_reply_after_a_deadline_at_closing_time_was_late_from_the_closing():
    # Created 13:00, 4 business hours: due at the 17:00 closing, answered at 17:30.
    late = facts([Step(at(17, 13), "created", "new"), Step(at(17, 17, 30), "reply", actor=1)])
    (first,) = clocks(late, "first_reply")
    assert first.breach_at == at(17, 17)
    on_time = facts([Step(at(17, 13), "created", "new"), Step(at(17, 17), "reply", actor=1)])
    assert clocks(on_time, "first_reply")[0].breach_at is None


# -- the same answers as the SLA clock -------------------------------------------------

KINDS = st.sampled_from(["customer", "reply", "open", "pending", "on_hold", "solved"])


@st.composite
def histories(draw):
    start = at(16, 0) + timedelta(minutes=draw(st.integers(0, 7 * 24 * 60)))
    steps = [Step(start, "created", "new")]
    t, status = start, "new"
    for kind in draw(st.lists(KINDS, max_size=12)):
        t += timedelta(minutes=draw(st.integers(0, 3000)))
        if status == "closed":
            break
        if kind in ("customer", "reply"):
            steps.append(Step(t, kind, actor=1 if kind == "reply" else None))
        elif kind != status:
            steps.append(Step(t, "status", kind, actor=1))
            status = kind
    return steps


def _happenings(steps):
    return [Happening(s.at, s.kind, s.status) for s in steps]


@settings(max_examples=150, deadline=None)
@given(histories())
def test_every_clock_agrees_with_the_sla_clock(steps):
    result = facts(steps)
    for metric, target in TARGETS.items():
        mine = clocks(result, metric)
        if not mine:
            continue
        last = mine[-1]
        calendar = OFFICE if target.business else ALWAYS
        now = (last.stopped_at or steps[-1].at) + timedelta(days=30)
        theirs = measure(_happenings(steps), target, calendar, now)
        assert theirs is not None
        assert theirs.started_at == last.started_at
        if metric != "resolution":
            assert theirs.stopped_at == last.stopped_at
        if last.stopped_at is not None:
            assert abs(theirs.elapsed_minutes - last.target_elapsed) < 1e-6
            assert theirs.breached_at == last.breach_at
        elif last.breach_at is not None and last.breach_at <= now:
            assert theirs.breached_at == last.breach_at
