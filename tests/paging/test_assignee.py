"""The person paged and the ticket's assignee never silently differ: the assignee is told."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind, MessageKind
from sunrelay.mail.models import Outbox
from sunrelay.paging import services
from sunrelay.paging.models import PagingNotification
from tests.paging.conftest import T0
from tests.paging.helpers import paged_addresses, run_worker


def at(minutes: float):
    return time_machine.travel(T0 + timedelta(minutes=minutes), tick=False)


def test_paging_someone_else_tells_the_assignee_once_and_keeps_the_ticket(
    policy, ticket, agent, oncall_team
):
    noa = oncall_team["noa"]
    desk.update_ticket(ticket, agent, assignee=noa)
    with at(0):
        services.page(ticket, agent, "Acme's maps are down")
        run_worker()
    for minutes in (5, 15, 20):  # the lead, then a second pass: Kai and the lead again
        with at(minutes):
            run_worker()
    assert paged_addresses() == ["kai@sunrelay.test", "boss@sunrelay.test"] * 2
    told = Outbox.objects.filter(to=["noa@sunrelay.test"])
    assert told.count() == 1
    mail = told.get()
    assert mail.subject == f"[#{ticket.pk}] Kai was paged about your ticket: {ticket.subject}"
    assert "The ticket stays assigned to you." in mail.body_text
    assert "/ack/" in mail.body_text
    ticket.refresh_from_db()
    assert ticket.assignee == noa  # told, not reassigned
    notes = ticket.messages.filter(kind=MessageKind.NOTE)
    assert [m.body_text.splitlines()[0] for m in notes] == [
        "Paged Kai about this ticket: Acme's maps are down"
    ]
    assert "It stays assigned to Noa, who is told by e-mail." in notes.get().body_text
    summaries = [e.new["summary"] for e in ticket.events.filter(kind=EventKind.NOTIFIED)]
    assert "Told the assignee, Noa, that Kai was paged" in summaries
    row = PagingNotification.objects.get(user=noa)
    assert (row.state, row.target) == ("sent", "Noa <noa@sunrelay.test> (assignee)")


def test_the_assignee_paged_themselves_is_told_nothing_more(policy, ticket, agent, oncall_team):
    desk.update_ticket(ticket, agent, assignee=oncall_team["kai"])  # Kai is on call
    with at(0):
        services.page(ticket, agent, "Down")
        run_worker()
    assert paged_addresses() == ["kai@sunrelay.test"]
    assert Outbox.objects.count() == 1
    assert not ticket.messages.filter(kind=MessageKind.NOTE).exists()
