"""Routing, hand-offs and time off through a simulated day, with the clock moved by time-machine."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from sunrelay.desk.models import EventKind
from sunrelay.schedule import drains, services, shift_ends
from sunrelay.schedule.models import Handoff, HandoffNote
from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target
from sunrelay.team.models import Coverage, StaffProfile, TimeOff, WorkingInterval
from tests.factories import make_account, make_contact, make_staff, make_ticket


def staff(
    username, zone, location, roles=("support",), levels=("l1", "l2"), start=time(9), end=time(17)
):
    user = make_staff(username, roles=list(roles), time_zone=zone)
    profile = StaffProfile.objects.get(user=user)
    profile.location = location
    profile.support_levels = list(levels)
    profile.save()
    for day in range(5):
        WorkingInterval.objects.create(profile=profile, weekday=day, start=start, end=end)
    return user


@pytest.fixture
def team(db):
    return {
        "marta": staff("marta", "Europe/Madrid", "Madrid"),
        "nora": staff("nora", "America/New_York", "New York"),
        "sam_sf": staff("sasha", "America/Los_Angeles", "San Francisco"),
        "cesar": staff(
            "cesar", "Europe/Madrid", "Valencia", roles=("customer_engineer",), levels=()
        ),
    }


@pytest.fixture
def always_policy(db):
    cal = Calendar.objects.create(name="Around the clock", time_zone="UTC")
    for day in range(7):
        CalendarInterval.objects.create(calendar=cal, weekday=day, start=time(0), end=time(0))
    policy = Policy.objects.create(name="All", calendar=cal)
    Target.objects.create(policy=policy, metric="first_reply", minutes=4 * 60, business=False)
    return policy


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_new_tickets_go_to_whoever_is_on_shift_balancing_load(team, contact):
    with time_machine.travel(at(2026, 11, 24, 10), tick=False):  # only Madrid works
        first, second = make_ticket(contact, subject="A"), make_ticket(contact, subject="B")
        drains.route_one_unassigned()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.assignee == team["marta"] and second.assignee == team["marta"]
    with time_machine.travel(at(2026, 11, 24, 15, 30), tick=False):  # Madrid + New York
        third = make_ticket(contact, subject="C")
        drains.route_one_unassigned()
    third.refresh_from_db()
    assert third.assignee == team["nora"]  # fewer open tickets
    event = third.events.get(kind=EventKind.ASSIGNEE)
    assert event.actor_user is None  # Sunrelay itself


def test_nobody_on_shift_leaves_the_ticket_waiting(team, contact):
    with time_machine.travel(at(2026, 11, 28, 12), tick=False):  # Saturday
        ticket = make_ticket(contact)
        drains.route_one_unassigned()
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_a_strategic_accounts_ticket_prefers_its_customer_engineer(team):
    account = make_account("Big", tier="enterprise", mrr=90000, strategic=True, ce=team["cesar"])
    contact = make_contact("Bea", "bea@big.test", account=account)
    with time_machine.travel(at(2026, 11, 24, 10), tick=False):
        ticket = make_ticket(contact)
        choice = services.route(ticket)
    assert choice.person.id == team["cesar"].pk
    assert "strategic" in choice.reason


def test_hand_off_at_the_end_of_the_madrid_shift(team, contact, always_policy):
    with time_machine.travel(at(2026, 11, 24, 15, 0), tick=False):
        urgent = make_ticket(contact, subject="Due tonight", assignee=team["marta"])
    with time_machine.travel(at(2026, 11, 24, 13, 0), tick=False):
        old = make_ticket(contact, subject="Due before Madrid is back", assignee=team["marta"])
    HandoffNote.objects.create(
        ticket=old,
        author=team["marta"],
        text="Repro in staging; logs attached.",
        created_at=at(2026, 11, 24, 15),
    )
    with time_machine.travel(at(2026, 11, 24, 15, 40), tick=False):  # 16:40 in Madrid
        done = shift_ends.hand_off_ending_shifts()
    assert {h.ticket_id for h in done} == {urgent.pk, old.pk}
    for ticket in (urgent, old):
        ticket.refresh_from_db()
        assert ticket.assignee == team["nora"]
    written = Handoff.objects.get(ticket=old)
    assert (written.from_region, written.to_region, written.generated) == (
        "Europe/Madrid",
        "America/New_York",
        False,
    )
    assert "Repro in staging" in written.note
    generated = Handoff.objects.get(ticket=urgent)
    assert generated.generated and "Next deadline: first reply" in generated.note
    assert urgent.events.filter(kind=EventKind.HANDED_OFF).count() == 1
    assert urgent.messages.filter(kind="note").exists()
    # A second pass finds nothing left to hand over.
    with time_machine.travel(at(2026, 11, 24, 15, 50), tick=False):
        assert shift_ends.hand_off_ending_shifts() == []


def test_work_that_can_wait_until_morning_stays(team, contact, db):
    cal = Calendar.objects.create(name="Madrid", time_zone="Europe/Madrid")
    for day in range(5):
        CalendarInterval.objects.create(calendar=cal, weekday=day, start=time(9), end=time(17))
    policy = Policy.objects.create(name="Business", calendar=cal)
    Target.objects.create(policy=policy, metric="first_reply", minutes=8 * 60)
    with time_machine.travel(at(2026, 11, 24, 15), tick=False):
        ticket = make_ticket(contact, assignee=team["marta"])
    with time_machine.travel(at(2026, 11, 24, 15, 40), tick=False):
        assert shift_ends.hand_off_ending_shifts() == []
    ticket.refresh_from_db()
    assert ticket.assignee == team["marta"]


def test_time_off_hands_tickets_to_the_coverage_plan_and_routing_skips_the_absent(
    team, contact, account
):
    with time_machine.travel(at(2026, 11, 23, 10), tick=False):
        covered = make_ticket(contact, subject="Account covered", assignee=team["marta"])
        other = make_ticket(
            make_contact("X", "x@else.test"), subject="Rest", assignee=team["marta"]
        )
    leave = TimeOff.objects.create(
        user=team["marta"], first_day=date(2026, 11, 24), last_day=date(2026, 11, 26)
    )
    Coverage.objects.create(time_off=leave, cover=team["nora"], account=account)
    with time_machine.travel(at(2026, 11, 23, 22, 30), tick=False):  # Monday 23:30 in Madrid
        assert drains.apply_one_time_off() is False  # not yet her time off, locally
    with time_machine.travel(at(2026, 11, 23, 23, 30), tick=False):  # Tuesday 00:30 in Madrid
        assert drains.apply_one_time_off() is True
    covered.refresh_from_db()
    other.refresh_from_db()
    assert covered.assignee == team["nora"]  # the plan names her for this account
    assert other.assignee == team["sam_sf"]  # the rest is routed: 15:30 in San Francisco
    with time_machine.travel(at(2026, 11, 24, 10), tick=False):  # Madrid morning, Marta away
        fresh = make_ticket(contact, subject="While away")
        drains.route_one_unassigned()
    fresh.refresh_from_db()
    assert fresh.assignee is None  # Marta is away; the others are asleep
    with time_machine.travel(at(2026, 11, 24, 15), tick=False):
        drains.route_one_unassigned()
    fresh.refresh_from_db()
    assert fresh.assignee == team["nora"]
    assert drains.apply_one_time_off() is False
