"""SLA clocks rebuilt from histories: pauses, weekends, reopenings, DST."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from sunrelay.sla.calendar import AlwaysOpen, BusinessCalendar, WeeklyInterval
from sunrelay.sla.clock import Happening, Metric, State, Target, cycles, measure

MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")
OFFICE = BusinessCalendar("Europe/Madrid", [WeeklyInterval(d, time(9), time(17)) for d in range(5)])
NY_OFFICE = BusinessCalendar(
    "America/New_York", [WeeklyInterval(d, time(9), time(17)) for d in range(5)]
)


def md(day, hour, minute=0, month=11):
    return datetime(2026, month, day, hour, minute, tzinfo=MADRID)


def created(at, status="new"):
    return Happening(at, "created", status)


def customer(at):
    return Happening(at, "customer")


def reply(at):
    return Happening(at, "reply")


def status(at, new):
    return Happening(at, "status", new)


FIRST_REPLY_4H = Target(Metric.FIRST_REPLY, 240)


def test_a_first_reply_in_time_is_met():
    history = [created(md(24, 10)), reply(md(24, 12)), status(md(24, 12), "open")]
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(25, 10))
    assert (m.state, m.elapsed_minutes, m.stopped_at, m.deadline) == (
        State.MET,
        120,
        md(24, 12),
        None,
    )


def test_a_late_first_reply_is_breached_at_the_deadline():
    history = [created(md(24, 15)), reply(md(25, 12))]
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(25, 13))
    assert m.state == State.BREACHED
    assert m.breached_at == md(25, 11)  # 2 h on the 24th, 2 h on the 25th
    assert m.elapsed_minutes == 120 + 180


def test_the_deadline_runs_over_the_weekend_in_business_time():
    history = [created(md(27, 16))]  # Friday 16:00
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(28, 12))  # Saturday
    assert m.state == State.OK
    assert m.deadline == md(30, 12)  # Monday noon
    assert m.remaining_minutes == 180


def test_it_warns_at_the_configured_share():
    history = [created(md(24, 9))]
    assert measure(history, FIRST_REPLY_4H, OFFICE, now=md(24, 11, 59)).state == State.OK
    assert measure(history, FIRST_REPLY_4H, OFFICE, now=md(24, 12)).state == State.WARNING
    assert measure(history, FIRST_REPLY_4H, OFFICE, now=md(24, 13, 1)).state == State.BREACHED


def test_pending_pauses_the_clock_and_resuming_moves_the_deadline():
    resolution = Target(Metric.RESOLUTION, 8 * 60)
    history = [
        created(md(27, 13)),  # Friday 13:00
        reply(md(27, 14)),
        status(md(27, 14), "pending"),  # waiting for the customer over the weekend
        customer(md(30, 11)),
        status(md(30, 11), "open"),  # Monday 11:00
    ]
    paused = measure(history[:3], resolution, OFFICE, now=md(29, 12))
    assert (paused.state, paused.deadline, paused.elapsed_minutes) == (State.PAUSED, None, 60)
    resumed = measure(history, resolution, OFFICE, now=md(30, 12))
    assert resumed.state == State.OK
    assert resumed.deadline == md(1, 10, month=12)  # 7 h left: 6 on Monday, 1 on Tuesday
    assert resumed.elapsed_minutes == 120


def test_a_reopened_ticket_continues_its_resolution_clock():
    resolution = Target(Metric.RESOLUTION, 8 * 60)
    history = [
        created(md(24, 9)),
        reply(md(24, 10)),
        status(md(24, 13), "solved"),
        status(md(26, 9), "closed"),
    ]
    m = measure(history, resolution, OFFICE, now=md(27, 9))
    assert (m.state, m.elapsed_minutes, m.stopped_at) == (State.MET, 240, md(24, 13))
    reopened = history[:3] + [customer(md(25, 9)), status(md(25, 9), "open")]
    m = measure(reopened, resolution, OFFICE, now=md(25, 12))
    assert m.state == State.WARNING  # 4 h before solving + 3 h since reopening = 7 of 8 h
    assert m.elapsed_minutes == 420
    assert m.deadline == md(25, 13)


def test_next_reply_runs_from_the_oldest_unanswered_customer_message():
    target = Target(Metric.NEXT_REPLY, 120)
    history = [created(md(24, 9)), reply(md(24, 10)), customer(md(24, 11)), customer(md(24, 12))]
    assert measure(history[:2], target, OFFICE, now=md(24, 10, 30)) is None
    m = measure(history, target, OFFICE, now=md(24, 12, 30))
    assert (m.started_at, m.deadline, m.state) == (md(24, 11), md(24, 13), State.WARNING)
    answered = [*history, reply(md(24, 12, 45))]
    assert measure(answered, target, OFFICE, now=md(24, 14)).state == State.MET


def test_the_first_customer_message_is_not_a_next_reply_cycle():
    assert cycles([created(md(24, 9)), customer(md(24, 9, 5))], Metric.NEXT_REPLY) == []


def test_periodic_update_runs_between_public_replies_while_unsolved():
    target = Target(Metric.PERIODIC_UPDATE, 24 * 60, business=False)
    history = [created(md(24, 9)), reply(md(24, 10)), reply(md(25, 9)), status(md(25, 9), "open")]
    m = measure(history, target, AlwaysOpen(), now=md(25, 12))
    assert (m.started_at, m.deadline) == (md(25, 9), md(26, 9))
    solved = [*history, status(md(25, 15), "solved")]
    assert measure(solved, target, AlwaysOpen(), now=md(27, 9)).state == State.MET


def test_an_update_target_does_not_escalate_after_the_agent_replied():
    # A well-known bug elsewhere: the periodic clock kept the old start after a reply.
    target = Target(Metric.PERIODIC_UPDATE, 60, business=False)
    history = [created(md(24, 9)), reply(md(24, 9, 30)), reply(md(24, 10, 20))]
    m = measure(history, target, AlwaysOpen(), now=md(24, 10, 45))
    assert m.state == State.OK and m.deadline == md(24, 11, 20)


def test_calendar_minutes_count_the_real_hour_across_dst():
    target = Target(Metric.FIRST_REPLY, 3 * 60, business=False)
    start = datetime(2026, 3, 8, 0, 30, tzinfo=NEW_YORK)  # the gap is 02:00-03:00
    m = measure([created(start)], target, AlwaysOpen(), now=start)
    assert m.deadline == datetime(2026, 3, 8, 4, 30, tzinfo=NEW_YORK)  # 3 real hours


def test_business_deadline_across_the_autumn_overlap_in_new_york():
    start = datetime(2026, 10, 30, 16, 0, tzinfo=NEW_YORK)  # Friday, the change is on Sunday
    m = measure([created(start)], Target(Metric.FIRST_REPLY, 120), NY_OFFICE, now=start)
    assert m.deadline == datetime(2026, 11, 2, 10, 0, tzinfo=NEW_YORK)
    assert m.deadline.astimezone(UTC).hour == 15  # EST after the change, not 14


def test_a_policy_change_mid_ticket_recomputes_from_history():
    history = [created(md(24, 9)), reply(md(24, 15))]
    strict = measure(history, Target(Metric.FIRST_REPLY, 240), OFFICE, now=md(24, 16))
    lenient = measure(history, Target(Metric.FIRST_REPLY, 480), OFFICE, now=md(24, 16))
    assert strict.state == State.BREACHED and strict.breached_at == md(24, 13)
    assert lenient.state == State.MET


@pytest.mark.parametrize("paused_status", ["pending", "on_hold"])
def test_both_waiting_statuses_pause(paused_status):
    history = [created(md(24, 9)), status(md(24, 10), paused_status), status(md(24, 14), "open")]
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(24, 15))
    assert m.elapsed_minutes == 120


# A deadline that falls exactly at closing time: Tuesday 13:00 + 4 business hours = 17:00.


def test_a_deadline_at_closing_time_is_breached_once_it_has_passed():
    history = [created(md(24, 13))]
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(24, 21))
    assert (m.state, m.breached_at, m.deadline) == (State.BREACHED, md(24, 17), md(24, 17))
    # ...and over the weekend after a Friday closing, not at Monday's opening.
    friday = measure([created(md(27, 13))], FIRST_REPLY_4H, OFFICE, now=md(28, 12))
    assert (friday.state, friday.breached_at) == (State.BREACHED, md(27, 17))


def test_a_reply_after_a_closing_time_deadline_is_met_late_and_one_at_it_in_time():
    late = measure([created(md(24, 13)), reply(md(24, 17, 30))], FIRST_REPLY_4H, OFFICE, md(25, 9))
    assert (late.state, late.breached_at, late.stopped_at) == (
        State.BREACHED,
        md(24, 17),
        md(24, 17, 30),
    )
    on_time = measure([created(md(24, 13)), reply(md(24, 17))], FIRST_REPLY_4H, OFFICE, md(25, 9))
    assert (on_time.state, on_time.breached_at) == (State.MET, None)


def test_a_pause_that_uses_no_business_time_does_not_move_the_breach():
    history = [
        created(md(24, 13)),
        status(md(24, 19), "pending"),  # both while the office is closed
        status(md(24, 20), "open"),
    ]
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(25, 10))
    assert (m.state, m.breached_at) == (State.BREACHED, md(24, 17))


def test_a_clock_paused_exactly_at_its_deadline_breaches_when_it_runs_again():
    history = [
        created(md(24, 13)),
        status(md(24, 17), "pending"),
        status(md(24, 20), "open"),  # no business time left: due the moment it resumes
    ]
    assert measure(history[:2], FIRST_REPLY_4H, OFFICE, now=md(24, 19)).state == State.PAUSED
    m = measure(history, FIRST_REPLY_4H, OFFICE, now=md(24, 21))
    assert (m.state, m.breached_at) == (State.BREACHED, md(24, 20))
