""" "Most urgent first" on real tickets: running clocks first, then tickets with no running
clock by the next target they would get and their age, then tickets waiting on the customer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from sunrelay.desk import services as desk
from sunrelay.desk.models import Status
from sunrelay.desk.queues import QUEUES, queue_tickets
from sunrelay.sla.models import Policy, Target, TicketUrgency
from tests.factories import make_account, make_contact, make_ticket

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


@pytest.fixture
def policies(db):
    """Calendar-time targets, so every hour counts."""
    enterprise = Policy.objects.create(position=1, name="Enterprise", tiers=["enterprise"])
    Target.objects.create(policy=enterprise, metric="first_reply", minutes=60, business=False)
    Target.objects.create(policy=enterprise, metric="next_reply", minutes=120, business=False)
    others = Policy.objects.create(position=2, name="Everyone else")
    Target.objects.create(policy=others, metric="first_reply", minutes=8 * 60, business=False)
    Target.objects.create(policy=others, metric="next_reply", minutes=24 * 60, business=False)
    return enterprise, others


def answered(contact, subject, at, agent, status=Status.OPEN, **kw):
    with time_machine.travel(at, tick=False):
        ticket = make_ticket(contact, subject, **kw)
    with time_machine.travel(at + timedelta(minutes=30), tick=False):
        desk.reply(ticket, agent, "Here is what we found.", status=status)
    return ticket


@pytest.fixture
def tickets(policies, agent, contact):
    free = make_account("Tiny Tiles", tier="free", mrr=0, domains=["tiny.test"])
    bea = make_contact("Bea", "bea@tiny.test", account=free)
    t = {
        # Free and low, answered ten days ago: its clocks are all met.
        "met_old_free": answered(bea, "Old question", NOW - timedelta(days=10), agent,
                                 priority="low"),
        # Enterprise, answered three days ago: no clock runs either.
        "met_enterprise": answered(contact, "Answered", NOW - timedelta(days=3), agent),
        # Free, waiting on the customer for twenty days.
        "waiting": answered(bea, "Send the logs", NOW - timedelta(days=20), agent,
                            status=Status.PENDING),
    }  # fmt: skip
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        t["breached"] = make_ticket(contact, "Breached an hour ago")  # first reply due at -1 h
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        t["running_free"] = make_ticket(bea, "Due in 7 h")
    return t


def test_running_clocks_come_first_then_no_clock_by_target_and_age_then_waiting(tickets, agent):
    with time_machine.travel(NOW, tick=False):
        order = list(queue_tickets(agent, QUEUES["open"], {}))
    names = {ticket.pk: name for name, ticket in tickets.items()}
    assert [names[pk] for pk in order] == [
        "breached",
        "running_free",
        "met_old_free",
        "met_enterprise",
        "waiting",
    ]
    with time_machine.travel(NOW, tick=False):
        reverse = list(queue_tickets(agent, QUEUES["open"], {"sort": "-urgency"}))
    assert reverse == order[::-1]


def test_a_ticket_with_no_running_clock_says_how_it_is_placed(tickets):
    met = TicketUrgency.objects.get(ticket=tickets["met_enterprise"])
    assert met.next_deadline is None
    assert met.reasons[0]["label"] == "no running SLA clock: by age and next reply target 2 h"
    assert met.urgency_at < tickets["met_enterprise"].created_at + timedelta(hours=2)
    waiting = TicketUrgency.objects.get(ticket=tickets["waiting"])
    assert waiting.reasons[0]["label"] == "waiting on the customer (SLA paused)"
