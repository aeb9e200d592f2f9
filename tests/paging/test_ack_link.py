"""Acknowledging from the link in a notification: no log-in, only acknowledges."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.test import Client

from sunrelay.mail.models import Outbox
from sunrelay.paging import services, tokens
from sunrelay.paging.models import PagingRun
from tests.paging.conftest import T0
from tests.paging.helpers import paged_addresses, run_worker


def at(minutes: float):
    return time_machine.travel(T0 + timedelta(minutes=minutes), tick=False)


def ack_path() -> str:
    text = Outbox.objects.filter(subject__startswith="[Page").latest("id").body_text
    return re.search(r"https?://[^/\s]+(/ack/[^\s]+/)", text).group(1)


def test_the_link_in_the_mail_acknowledges_as_the_person_paged(policy, ticket, agent, oncall_team):
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    path, client = ack_path(), Client()
    with at(1):
        page = client.get(path)
        assert page.status_code == 200
        assert b"Acknowledge: I am on it" in page.content
        assert page["Referrer-Policy"] == "no-referrer"
        assert PagingRun.objects.get().state == "active"  # looking does not acknowledge
        done = client.post(path)
    assert done.status_code == 200 and b"Acknowledged" in done.content
    run = PagingRun.objects.get()
    assert (run.state, run.acknowledged_by, run.acknowledged_via) == (
        "acknowledged",
        oncall_team["kai"],
        "link",
    )
    with at(30):
        run_worker()
    assert paged_addresses() == ["kai@sunrelay.test"]
    with at(31):
        again = client.post(path)
    assert b"Already acknowledged" in again.content
    # The link did not log anyone in.
    assert client.get(f"/desk/tickets/{ticket.pk}/").status_code == 302


def test_a_chat_link_names_nobody(policy, ticket, agent):
    with at(0):
        run = services.page(ticket, agent, "Outage")
    with at(1):
        Client().post(f"/ack/{tokens.make(run.pk, None)}/")
    run.refresh_from_db()
    assert run.state == "acknowledged" and run.acknowledged_by is None
    assert "Someone with the chat link" in ticket.events.get(kind="acknowledged").new["summary"]


def test_expired_and_altered_links_are_refused(policy, ticket, agent):
    with at(0):
        run = services.page(ticket, agent, "Outage")
        token = tokens.make(run.pk, agent.pk)
    with at(24 * 60 + 1):
        expired = Client().post(f"/ack/{token}/")
    assert expired.status_code == 400 and b"expired" in expired.content
    with at(2):
        altered = Client().post(f"/ack/{token[:-2]}xx/")
        other_run = Client().post(f"/ack/{tokens.make(run.pk + 1, agent.pk)}/")
    assert altered.status_code == 400
    assert other_run.status_code == 404
    assert PagingRun.objects.get().state == "active"
