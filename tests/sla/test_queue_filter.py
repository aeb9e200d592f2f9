"""The SLA state filter of the queues and the API: as the SLA column shows the state now."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sunrelay.api.tokens import create_token
from sunrelay.desk.models import Ticket
from sunrelay.sla.models import TicketSla
from sunrelay.sla.queues import by_sla_state
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db

H = timedelta(hours=1)


def target(ticket, metric, state, *, deadline=None, warn_at=None, stopped_at=None, now):
    TicketSla.objects.create(
        ticket=ticket,
        metric=metric,
        state=state,
        target_minutes=240,
        elapsed_minutes=0,
        started_at=now - 5 * H,
        deadline=deadline,
        warn_at=warn_at,
        stopped_at=stopped_at,
        breached_at=deadline if state == "breached" else None,
        computed_at=now - 3 * H,
    )


@pytest.fixture
def clocks(contact):
    """One ticket per case, its TicketSla rows written as the worker left them 3 h ago."""
    now = timezone.now()
    t = {name: make_ticket(contact, name) for name in (
        "due_since_last_pass", "breached", "warned_since_last_pass", "warning", "calm",
        "paused", "paused_but_resolution_runs", "met_late", "warning_and_breached", "none",
    )}  # fmt: skip
    target(
        t["due_since_last_pass"],
        "first_reply",
        "ok",
        deadline=now - H,
        warn_at=now - 2 * H,
        now=now,
    )
    target(t["breached"], "first_reply", "breached", deadline=now - 2 * H, now=now)
    target(
        t["warned_since_last_pass"],
        "first_reply",
        "ok",
        deadline=now + H,
        warn_at=now - H / 6,
        now=now,
    )
    target(t["warning"], "next_reply", "warning", deadline=now + H / 2, warn_at=now - H, now=now)
    target(t["calm"], "first_reply", "ok", deadline=now + 2 * H, warn_at=now + H, now=now)
    target(t["paused"], "next_reply", "paused", now=now)
    target(t["paused_but_resolution_runs"], "next_reply", "paused", now=now)
    target(t["paused_but_resolution_runs"], "resolution", "ok", deadline=now + 48 * H, now=now)
    target(
        t["met_late"], "first_reply", "met", deadline=now - 4 * H, stopped_at=now - 3 * H, now=now
    )
    target(
        t["warning_and_breached"],
        "next_reply",
        "warning",
        deadline=now + H,
        warn_at=now - H,
        now=now,
    )
    target(t["warning_and_breached"], "resolution", "breached", deadline=now - H, now=now)
    return t


def names(qs, clocks) -> set[str]:
    by_pk = {t.pk: name for name, t in clocks.items()}
    return {by_pk[pk] for pk in qs.values_list("pk", flat=True)}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("breached", {"due_since_last_pass", "breached", "warning_and_breached"}),
        ("warning", {"warned_since_last_pass", "warning"}),
        ("paused", {"paused"}),
    ],
)
def test_it_filters_on_the_state_the_sla_column_shows(clocks, state, expected):
    assert names(by_sla_state(Ticket.objects.all(), state), clocks) == expected


def test_a_queue_and_the_api_filter_on_it_too(client, agent, clocks):
    client.force_login(agent)
    html = client.get("/desk/queues/open/?sla=warning").content.decode()
    shown = {name for name, t in clocks.items() if f'data-href="/desk/tickets/{t.pk}/"' in html}
    assert shown == {"warned_since_last_pass", "warning"}
    assert '<details class="more-filters" open>' in html
    _token, raw = create_token(agent, "tests")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    items = api.get("/api/v1/tickets", {"sla": "breached"}).json()["items"]
    assert {clocks_name(clocks, i["id"]) for i in items} == {
        "due_since_last_pass",
        "breached",
        "warning_and_breached",
    }
    assert api.get("/api/v1/tickets", {"sla": "late"}).status_code == 422


def clocks_name(clocks, pk) -> str:
    return next(name for name, t in clocks.items() if t.pk == pk)
