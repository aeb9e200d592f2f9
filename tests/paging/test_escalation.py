"""Paging through an escalation policy with the clock moved by time-machine."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind
from sunrelay.paging import services
from sunrelay.paging.models import PagingNotification, PagingRun, RunState
from sunrelay.schedule import overrides
from tests.paging.conftest import T0
from tests.paging.helpers import events, paged_addresses, run_worker

KAI, NOA, BOSS = "kai@sunrelay.test", "noa@sunrelay.test", "boss@sunrelay.test"


def at(minutes: float):
    return time_machine.travel(T0 + timedelta(minutes=minutes), tick=False)


def test_an_agent_pages_with_a_reason_and_the_ticket_becomes_urgent(policy, ticket, agent):
    with at(0):
        with pytest.raises(ValidationError) as refused:
            services.page(ticket, agent, "   ")
        assert "reason" in refused.value.message_dict
        run = services.page(ticket, agent, "Production maps are down for Acme")
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    assert run.state == RunState.ACTIVE and run.paged_by == agent
    paged = ticket.events.get(kind=EventKind.PAGED)
    assert paged.actor_user == agent and paged.new["reason"] == "Production maps are down for Acme"
    with at(1), pytest.raises(ValidationError):
        services.page(ticket, agent, "Again")  # one open run per ticket


def test_the_steps_follow_the_policy_and_its_waits(policy, ticket, agent):
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
        assert paged_addresses() == [KAI]  # the person on call now
    with at(4.9):
        run_worker()
        assert paged_addresses() == [KAI]  # still waiting
    with at(5):
        run_worker()
        assert paged_addresses() == [KAI, BOSS]
    with at(14):
        run_worker()
        assert paged_addresses() == [KAI, BOSS]
    with at(15):  # second pass: everyone again
        run_worker()
        assert paged_addresses() == [KAI, BOSS, KAI]
    with at(20):
        run_worker()
        assert paged_addresses() == [KAI, BOSS, KAI, BOSS]
    with at(30):
        run_worker()
    with at(120):
        run_worker()
    assert paged_addresses() == [KAI, BOSS, KAI, BOSS]
    run = PagingRun.objects.get()
    assert run.state == RunState.EXHAUSTED
    kinds = [e.kind for e in events(ticket)]
    assert kinds == ["paged"] + ["notified"] * 4 + ["paging_ended"]
    assert "Nobody acknowledged after 2 passes" in events(ticket)[-1].new["summary"]


def test_an_acknowledgement_stops_the_escalation(policy, ticket, agent):
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    with at(2):
        run = services.acknowledge_ticket(ticket, agent, "page")
    with at(60):
        run_worker()
    assert paged_addresses() == [KAI]
    run.refresh_from_db()
    assert (run.state, run.acknowledged_by, run.acknowledged_via) == ("acknowledged", agent, "page")
    ack = ticket.events.get(kind=EventKind.ACKNOWLEDGED)
    assert ack.actor_user == agent and "from the ticket page" in ack.new["summary"]
    with at(61), pytest.raises(ValidationError):
        services.acknowledge_ticket(ticket, agent, "page")  # nothing left to acknowledge


def test_on_call_is_read_when_the_step_runs_and_honours_overrides(
    policy, ticket, agent, oncall_team, oncall_rotation
):
    with at(0):
        services.page(ticket, agent, "Outage")
        overrides.create_override(
            oncall_rotation,
            agent,
            user=oncall_team["noa"],
            starts_at=T0,
            ends_at=T0 + timedelta(hours=1),
        )
        run_worker()
    assert paged_addresses() == [NOA]


def test_solving_the_ticket_stops_the_paging(policy, ticket, agent):
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    with at(1):
        desk.update_ticket(ticket, agent, status="solved", cause="question")
    with at(5):
        run_worker()
    assert paged_addresses() == [KAI]
    assert PagingRun.objects.get().state == RunState.CANCELLED


def test_a_gap_in_the_rotation_is_recorded_not_skipped_silently(
    policy, ticket, agent, oncall_rotation
):
    oncall_rotation.layers.update(starts_on=T0.date() + timedelta(days=30))
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    assert paged_addresses() == []
    note = PagingNotification.objects.get()
    assert note.state == "skipped" and "nobody on call" in note.target
    assert "Could not notify" in ticket.events.get(kind=EventKind.NOTIFIED).new["summary"]


def test_readers_cannot_page_or_acknowledge(policy, ticket, sales):
    with pytest.raises(PermissionDenied):
        services.page(ticket, sales, "Because")
    with pytest.raises(PermissionDenied):
        services.acknowledge_ticket(ticket, sales, "page")
    assert not PagingRun.objects.exists()


def test_without_a_policy_paging_says_why(ticket, agent):
    with pytest.raises(ValidationError) as refused:
        services.page(ticket, agent, "Outage")
    assert "policy" in refused.value.message_dict
