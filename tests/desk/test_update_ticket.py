from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import Cause, EventKind, Status


def kinds(ticket):
    return list(ticket.events.values_list("kind", flat=True))


def test_every_property_change_leaves_its_event(agent, lead, ticket):
    services.update_ticket(
        ticket,
        agent,
        subject="Tiles blank at z14",
        priority="high",
        level="l2",
        assignee=lead,
        cause=Cause.PRODUCT_BUG,
        bug_url="https://tracker.example.test/ENG-1",
        interesting=True,
        tags=["tiles"],
    )
    assert kinds(ticket) == [
        EventKind.CREATED,
        EventKind.SUBJECT,
        EventKind.PRIORITY,
        EventKind.LEVEL,
        EventKind.CAUSE,
        EventKind.BUG_LINK,
        EventKind.INTERESTING,
        EventKind.ASSIGNEE,
        EventKind.STATUS,  # assigning a new ticket opens it
        EventKind.TAGS,
    ]
    assignee_event = ticket.events.get(kind=EventKind.ASSIGNEE)
    assert (assignee_event.old, assignee_event.new, assignee_event.actor_user) == (
        None,
        lead.pk,
        agent,
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN and ticket.level == "l2" and ticket.interesting


def test_an_unchanged_value_writes_nothing(agent, ticket):
    assert services.update_ticket(ticket, agent, priority=ticket.priority) == []
    assert kinds(ticket) == [EventKind.CREATED]


def test_solving_needs_a_cause(agent, ticket):
    with pytest.raises(ValidationError) as exc:
        services.update_ticket(ticket, agent, status=Status.SOLVED)
    assert "cause" in exc.value.message_dict
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW
    assert kinds(ticket) == [EventKind.CREATED]


def test_solving_with_a_cause_in_the_same_change_works(agent, ticket):
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED and ticket.solved_at is not None
    assert kinds(ticket)[-2:] == [EventKind.CAUSE, EventKind.STATUS]


def test_clearing_the_cause_of_a_solved_ticket_is_refused(agent, ticket):
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    with pytest.raises(ValidationError) as exc:
        services.update_ticket(ticket, agent, cause="")
    assert "cause" in exc.value.message_dict


def test_closing_needs_solving_first_and_closed_is_final(agent, ticket):
    with pytest.raises(ValidationError):
        services.update_ticket(ticket, agent, status=Status.CLOSED, cause=Cause.QUESTION)
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    services.update_ticket(ticket, agent, status=Status.CLOSED)
    with pytest.raises(ValidationError) as exc:
        services.update_ticket(ticket, agent, priority="high")
    assert "status" in exc.value.message_dict


def test_reopening_clears_the_solved_time(agent, ticket):
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    services.update_ticket(ticket, agent, status=Status.OPEN)
    ticket.refresh_from_db()
    assert ticket.solved_at is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "finished"}, "status"),
        ({"priority": "meh"}, "priority"),
        ({"cause": "gremlins"}, "cause"),
        ({"bug_url": "javascript:alert(1)"}, "bug_url"),
        ({"subject": ""}, "subject"),
        ({"requester": None}, "requester"),
    ],
)
def test_it_refuses_bad_changes_field_by_field(agent, ticket, changes, field):
    with pytest.raises(ValidationError) as exc:
        services.update_ticket(ticket, agent, **changes)
    assert field in exc.value.message_dict


def test_only_people_who_work_tickets_can_be_assigned(agent, sales, outsider, ticket):
    for person in (sales, outsider):
        with pytest.raises(ValidationError) as exc:
            services.update_ticket(ticket, agent, assignee=person)
        assert "assignee" in exc.value.message_dict


def test_sales_and_outsiders_cannot_change_tickets(sales, outsider, ticket):
    for person in (sales, outsider):
        with pytest.raises(PermissionDenied):
            services.update_ticket(ticket, person, priority="high")
    assert kinds(ticket) == [EventKind.CREATED]


def test_the_event_log_is_append_only(agent, ticket):
    event = ticket.events.get()
    event.kind = "status"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        ticket.events.update(kind="status")
