"""desk.services.bulk_changes: one change to many tickets, each through update_ticket."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, Status, Ticket, TicketEvent
from sunrelay.desk.services.bulk_changes import (
    MAX_TICKETS,
    BulkChanges,
    NoSuchTickets,
    change_tickets,
)
from sunrelay.desk.signals import ticket_changed
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(contact):
    return [make_ticket(contact, f"Loop {i}", tags=["loop"]) for i in range(3)]


def kinds(ticket) -> list[str]:
    return list(
        TicketEvent.objects.filter(ticket=ticket)
        .exclude(kind=EventKind.CREATED)
        .values_list("kind", flat=True)
    )


def test_it_assigns_every_ticket_with_the_events_of_each_change(agent, lead, three):
    outcome = change_tickets(lead, [t.pk for t in three], BulkChanges(assignee_id=agent.pk))
    assert [r.outcome for r in outcome.results] == ["changed"] * 3
    for ticket in three:
        ticket.refresh_from_db()
        assert ticket.assignee == agent
        assert ticket.status == Status.OPEN  # assigning a new ticket opens it (lifecycle)
        assert kinds(ticket) == [EventKind.ASSIGNEE, EventKind.STATUS]
        assert TicketEvent.objects.get(ticket=ticket, kind=EventKind.ASSIGNEE).actor_user == lead
    assert outcome.summary == "3 tickets assigned to Alba."


def test_a_ticket_that_refuses_is_reported_by_number_and_the_others_change(agent, three):
    closed = three[1]
    services.update_ticket(closed, agent, status="solved", cause="question")
    services.update_ticket(closed, agent, status="closed")
    before = kinds(closed)
    outcome = change_tickets(agent, [t.pk for t in three], BulkChanges(priority="urgent"))
    assert [r.outcome for r in outcome.results] == ["changed", "refused", "changed"]
    assert "closed" in outcome.results[1].reason
    assert kinds(closed) == before
    assert Ticket.objects.get(pk=closed.pk).priority == "normal"
    assert Ticket.objects.filter(priority="urgent").count() == 2
    assert outcome.summary == (
        f"2 tickets set to urgent priority; #{closed.pk} refused: the ticket is closed; "
        "open a follow-up ticket instead."
    )


def test_each_ticket_is_its_own_transaction(agent, three, monkeypatch):
    """A ticket whose change fails after writing (here: a listener refuses it) loses that
    change alone; the tickets before and after it keep theirs."""
    failing = three[1]

    def refuse(sender, ticket, events, at, **kwargs):
        if ticket.pk == failing.pk:
            raise ValidationError("Refused by a listener.")

    ticket_changed.connect(refuse)
    try:
        outcome = change_tickets(agent, [t.pk for t in three], BulkChanges(level="l2"))
    finally:
        ticket_changed.disconnect(refuse)
    assert [r.outcome for r in outcome.results] == ["changed", "refused", "changed"]
    assert kinds(failing) == []
    assert Ticket.objects.get(pk=failing.pk).level == "l1"
    assert [Ticket.objects.get(pk=t.pk).level for t in (three[0], three[2])] == ["l2", "l2"]


def test_it_solves_with_one_cause(agent, three):
    outcome = change_tickets(
        agent, [t.pk for t in three], BulkChanges(status="solved", cause="product_bug")
    )
    assert outcome.count("changed") == 3
    for ticket in three:
        ticket.refresh_from_db()
        assert (ticket.status, ticket.cause) == ("solved", "product_bug")
        assert ticket.solved_at is not None
        assert kinds(ticket) == [EventKind.CAUSE, EventKind.STATUS]
    assert outcome.summary == "3 tickets solved (cause: product bug)."


def test_solving_without_a_cause_solves_only_the_tickets_that_have_one(agent, three):
    services.update_ticket(three[0], agent, cause="question")
    outcome = change_tickets(agent, [t.pk for t in three], BulkChanges(status="solved"))
    assert [r.outcome for r in outcome.results] == ["changed", "refused", "refused"]
    assert "Say what caused it" in outcome.results[1].reason
    assert outcome.summary.startswith(f"1 ticket solved; #{three[1].pk}, #{three[2].pk} refused")


def test_tags_are_added_and_removed_per_ticket(agent, contact, three):
    other = make_ticket(contact, "Other", tags=["keep"])
    ids = [t.pk for t in (*three, other)]
    outcome = change_tickets(agent, ids, BulkChanges(add_tags=["Spam"], remove_tags=["loop"]))
    assert outcome.count("changed") == 4
    names = {
        t.pk: sorted(Ticket.objects.get(pk=t.pk).tags.values_list("name", flat=True))
        for t in (*three, other)
    }
    assert names[three[0].pk] == ["spam"]
    assert names[other.pk] == ["keep", "spam"]
    assert kinds(other) == [EventKind.TAGS]
    again = change_tickets(agent, ids, BulkChanges(add_tags=["spam"]))
    assert again.count("unchanged") == 4
    assert again.summary == "4 tickets unchanged: already so."


def test_tickets_already_so_are_counted_apart(agent, three):
    services.update_ticket(three[0], agent, priority="high")
    outcome = change_tickets(agent, [t.pk for t in three], BulkChanges(priority="high"))
    assert [r.outcome for r in outcome.results] == ["unchanged", "changed", "changed"]
    assert kinds(three[0]) == [EventKind.PRIORITY]  # no second event
    assert outcome.summary == "2 tickets set to high priority; 1 ticket already so."


def test_unknown_ids_are_reported_as_not_found(agent, three):
    outcome = change_tickets(agent, [three[0].pk, 999_999, three[0].pk], BulkChanges(level="l2"))
    assert [(r.ticket_id, r.outcome) for r in outcome.results] == [
        (three[0].pk, "changed"),
        (999_999, "not_found"),
    ]
    assert outcome.summary == "1 ticket moved to L2 support; #999999 not found."


def test_assigning_to_oneself_and_unassigning_read_naturally(agent, three):
    ids = [t.pk for t in three]
    assert change_tickets(agent, ids, BulkChanges(assignee_id=agent.pk)).summary == (
        "3 tickets assigned to you."
    )
    assert change_tickets(agent, ids, BulkChanges(assignee_id=None, priority="low")).summary == (
        "3 tickets unassigned and set to low priority."
    )


def test_sales_cannot_bulk_change_the_tickets_they_see(sales, three):
    with pytest.raises(PermissionDenied):
        change_tickets(sales, [t.pk for t in three], BulkChanges(priority="urgent"))
    assert not Ticket.objects.filter(priority="urgent").exists()


def test_an_outsider_learns_nothing(outsider, three):
    with pytest.raises(NoSuchTickets):
        change_tickets(outsider, [t.pk for t in three], BulkChanges(priority="urgent"))


def test_sales_do_not_learn_of_other_accounts_tickets(sales, three):
    globex = make_account("Globex", domains=["globex.test"])
    foreign = make_ticket(make_contact("Gus", "gus@globex.test", account=globex))
    with pytest.raises(NoSuchTickets):
        change_tickets(sales, [foreign.pk], BulkChanges(priority="urgent"))


@pytest.mark.parametrize(
    ("ids", "changes", "field"),
    [
        ("none", BulkChanges(priority="high"), "ids"),
        ("all", BulkChanges(), "__all__"),
        ("all", BulkChanges(assignee_id=999_999), "assignee"),
        ("all", BulkChanges(add_tags=["x" * 65]), "tags"),
        ("all", BulkChanges(add_tags=["a"], remove_tags=["A"]), "tags"),
    ],
)
def test_a_change_that_cannot_apply_refuses_before_any_ticket_changes(
    agent, three, ids, changes, field
):
    with pytest.raises(ValidationError) as refused:
        change_tickets(agent, [] if ids == "none" else [t.pk for t in three], changes)
    assert field in getattr(refused.value, "error_dict", {"__all__": "not a field's"})
    assert all(kinds(t) == [] for t in three)


def test_only_people_who_work_tickets_can_be_assigned(agent, sales, three):
    with pytest.raises(ValidationError) as refused:
        change_tickets(agent, [t.pk for t in three], BulkChanges(assignee_id=sales.pk))
    assert "cannot be assigned" in refused.value.message_dict["assignee"][0]


def test_there_is_a_limit_per_request(agent, three):
    ids = [three[0].pk] + list(range(10**6, 10**6 + MAX_TICKETS))
    with pytest.raises(ValidationError) as refused:
        change_tickets(agent, ids, BulkChanges(priority="high"))
    assert f"At most {MAX_TICKETS}" in refused.value.message_dict["ids"][0]


def test_a_lead_may_bulk_change_too(lead, three):
    keisha = make_staff("keisha", roles=["support"], first_name="Keisha", last_name="Thompson")
    outcome = change_tickets(lead, [t.pk for t in three], BulkChanges(assignee_id=keisha.pk))
    assert outcome.summary == "3 tickets assigned to Keisha Thompson."
