from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, MessageKind, Status, Ticket
from tests.factories import make_contact


def test_it_opens_a_ticket_with_the_first_message_and_a_created_event(contact, account):
    ticket = services.create_ticket(
        services.NewTicket(
            requester=contact,
            subject="  Export fails  ",
            body="It fails.",
            tags=["Export", "export", " big files "],
        ),
        actor=None,
    ).ticket
    assert ticket.subject == "Export fails"
    assert ticket.account == account
    assert ticket.status == Status.NEW
    assert [m.kind for m in ticket.messages.all()] == [MessageKind.CUSTOMER]
    created = ticket.events.get()
    assert created.kind == EventKind.CREATED
    assert created.actor_contact == contact
    assert created.new["tags"] == ["big-files", "export"]
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["big-files", "export"]


def test_it_records_the_staff_member_who_opened_it(agent, contact):
    ticket = services.create_ticket(
        services.NewTicket(
            requester=contact, subject="Call notes", body="Phoned in.", channel="phone"
        ),
        actor=agent,
    ).ticket
    event = ticket.events.get()
    assert event.actor_user == agent and event.actor_contact is None


def test_it_opens_directly_when_assigned_at_creation(agent, contact):
    ticket = services.create_ticket(
        services.NewTicket(requester=contact, subject="S", body="B", assignee=agent), actor=agent
    ).ticket
    assert ticket.status == Status.OPEN


def test_sales_cannot_open_tickets_on_behalf_of_customers(sales, contact):
    with pytest.raises(PermissionDenied):
        services.create_ticket(
            services.NewTicket(requester=contact, subject="S", body="B"), actor=sales
        )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"subject": "   "}, "subject"),
        ({"body": ""}, "body"),
        ({"priority": "asap"}, "priority"),
        ({"channel": "pigeon"}, "channel"),
        ({"level": "l9"}, "level"),
    ],
)
def test_it_refuses_bad_input_field_by_field(contact, kwargs, field):
    args = {"requester": contact, "subject": "S", "body": "B", **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.create_ticket(services.NewTicket(**args), actor=None)
    assert field in exc.value.message_dict


def test_it_refuses_a_duplicate_external_reference(contact):
    services.create_ticket(
        services.NewTicket(requester=contact, subject="S", body="B", external_ref="crm-1"),
        actor=None,
    )
    with pytest.raises(ValidationError) as exc:
        services.create_ticket(
            services.NewTicket(requester=contact, subject="S", body="B", external_ref="crm-1"),
            actor=None,
        )
    assert "external_ref" in exc.value.message_dict


def test_it_sanitises_customer_html(contact):
    ticket = services.create_ticket(
        services.NewTicket(
            requester=contact,
            subject="S",
            body="B",
            html='<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:x()">x</a><img src=x onerror=alert(1)></p>',
        ),
        actor=None,
    ).ticket
    html = ticket.messages.get().body_html
    assert "script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert "<p>Hi" in html


def test_a_contact_without_an_account_gives_a_ticket_without_one(db):
    loner = make_contact("Lone Wolf", "wolf@nowhere.test")
    ticket = services.create_ticket(
        services.NewTicket(requester=loner, subject="S", body="B"), actor=None
    ).ticket
    assert ticket.account is None


def test_a_concurrent_twin_with_the_same_reference_gets_a_field_error(contact, monkeypatch):
    services.create_ticket(
        services.NewTicket(requester=contact, subject="S", body="B", external_ref="crm-2"),
        actor=None,
    )
    # Simulate the race: the existence check ran before the twin committed.
    monkeypatch.setattr(Ticket.objects, "filter", lambda **kw: Ticket.objects.none())
    with pytest.raises(ValidationError) as exc:
        services.create_ticket(
            services.NewTicket(requester=contact, subject="S", body="B", external_ref="crm-2"),
            actor=None,
        )
    assert "external_ref" in exc.value.message_dict
