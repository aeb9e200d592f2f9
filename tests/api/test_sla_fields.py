"""Tickets in the API carry their SLA targets and urgency, and list most urgent first."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.sla.models import Calendar, CalendarInterval, Policy, Target
from tests.factories import make_account, make_contact, make_ticket

# Tuesday 24 November 2026, 09:00 in Madrid.
TUESDAY_9 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def policy(db):
    cal = Calendar.objects.create(name="Madrid office", time_zone="Europe/Madrid")
    for day in range(5):
        CalendarInterval.objects.create(calendar=cal, weekday=day, start=time(9), end=time(17))
    policy = Policy.objects.create(position=1, name="Enterprise", calendar=cal)
    Target.objects.create(policy=policy, metric="first_reply", minutes=240)
    Target.objects.create(policy=policy, metric="resolution", minutes=24 * 60, business=False)
    return policy


def test_a_ticket_shows_each_sla_target_and_its_urgency(as_agent, policy, contact):
    with time_machine.travel(TUESDAY_9, tick=False):
        ticket = make_ticket(contact, priority="high")
    with time_machine.travel(TUESDAY_9 + timedelta(hours=5), tick=False):
        body = as_agent.get(f"/tickets/{ticket.pk}").json()
    assert body["slas"] == [
        {
            "metric": "first_reply",
            "state": "breached",  # 13:00 went by; the worker has not looked yet
            "deadline": "2026-11-24T12:00:00Z",
            "target_minutes": 240,
            "elapsed_minutes": 0.0,
            "business": True,
            "policy": {"id": policy.pk, "name": "Enterprise"},
            "started_at": "2026-11-24T08:00:00Z",
            "stopped_at": None,
        },
        {
            "metric": "resolution",
            "state": "ok",
            "deadline": "2026-11-25T08:00:00Z",
            "target_minutes": 1440,
            "elapsed_minutes": 0.0,
            "business": False,
            "policy": {"id": policy.pk, "name": "Enterprise"},
            "started_at": "2026-11-24T08:00:00Z",
            "stopped_at": None,
        },
    ]
    urgency = body["urgency"]
    assert urgency["next_deadline"] == "2026-11-24T12:00:00Z"
    assert urgency["next_metric"] == "first_reply"
    # high 2 h + Enterprise 2 h + MRR $16,000 1 h 6 min earlier than 12:00 UTC.
    assert urgency["urgency_at"] == "2026-11-24T06:54:00Z"
    assert urgency["reasons"] == [
        {"label": "first reply due", "minutes": None, "at": "2026-11-24T12:00:00Z"},
        {"label": "priority high", "minutes": 120, "at": None},
        {"label": "enterprise tier", "minutes": 120, "at": None},
        {"label": "MRR $16,000", "minutes": 66, "at": None},
    ]


def test_a_ticket_without_a_policy_has_no_slas_and_is_placed_by_age(as_agent, ticket):
    body = as_agent.get(f"/tickets/{ticket.pk}").json()
    assert body["slas"] == []
    assert body["urgency"]["next_deadline"] is None
    assert body["urgency"]["reasons"][0]["label"] == "no SLA deadline: placed by age"


def test_the_list_orders_most_urgent_first(as_agent, policy, db):
    small = make_contact("Sol", "sol@small.test", account=make_account("Small", tier="free", mrr=0))
    big = make_contact("Gus", "gus@big.test", account=make_account("Big", "enterprise", 90000))
    with time_machine.travel(TUESDAY_9, tick=False):
        later = make_ticket(small, "Free, due 13:00")
    with time_machine.travel(TUESDAY_9 + timedelta(hours=1), tick=False):
        sooner = make_ticket(big, "Enterprise, due 14:00 but worth more", priority="urgent")
    ids = [t["id"] for t in as_agent.get("/tickets", {"ordering": "urgency"}).json()["items"]]
    assert ids == [sooner.pk, later.pk]
    reverse = as_agent.get("/tickets", {"ordering": "-urgency"}).json()["items"]
    assert [t["id"] for t in reverse] == [later.pk, sooner.pk]
    assert as_agent.get("/tickets", {"ordering": "sla"}).status_code == 422


def count_queries(client, limit: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tickets", {"limit": limit}).status_code == 200
    return len(queries)


def test_slas_cost_the_same_queries_for_five_tickets_as_for_fifty(as_agent, policy, contact):
    with time_machine.travel(TUESDAY_9, tick=False):
        for i in range(50):
            make_ticket(contact, f"t{i}")
    as_agent.get("/tickets")  # the token's first use is recorded once
    with time_machine.travel(TUESDAY_9 + timedelta(hours=1), tick=False):
        assert count_queries(as_agent, 5) == count_queries(as_agent, 50)
