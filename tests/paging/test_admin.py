"""Leads configure rotations, policies and webhooks in the admin; others cannot."""

from __future__ import annotations

import pytest

from sunrelay.paging import services
from tests.paging.conftest import T0
from tests.paging.helpers import run_worker

PAGES = [
    "/admin/schedule/rotation/",
    "/admin/schedule/rotation/{rotation}/change/",
    "/admin/schedule/layer/",
    "/admin/schedule/layer/{layer}/change/",
    "/admin/schedule/override/",
    "/admin/schedule/calendarfeed/",
    "/admin/paging/escalationpolicy/",
    "/admin/paging/escalationpolicy/{policy}/change/",
    "/admin/paging/webhook/",
    "/admin/paging/webhook/add/",
    "/admin/paging/pagingrun/",
    "/admin/paging/pagingrun/{run}/change/",
]


@pytest.fixture
def ids(policy, oncall_rotation, ticket, agent, chat_hook, time_machine):
    time_machine.move_to(T0, tick=False)
    run = services.page(ticket, agent, "Outage")
    run_worker()
    return {
        "rotation": oncall_rotation.pk,
        "layer": oncall_rotation.layers.get().pk,
        "policy": policy.pk,
        "run": run.pk,
    }


def test_a_lead_opens_every_page(client, lead, ids):
    lead.is_staff = True
    lead.save()
    client.force_login(lead)
    for page in PAGES:
        assert client.get(page.format(**ids)).status_code == 200, page


def test_an_agent_does_not_see_them(client, agent, ids):
    agent.is_staff = True
    agent.save()
    client.force_login(agent)
    for page in PAGES:
        assert client.get(page.format(**ids)).status_code in (302, 403), page
