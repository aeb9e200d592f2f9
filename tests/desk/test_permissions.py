from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from sunrelay.desk.permissions import can_view_ticket, visible_tickets
from tests.factories import make_account, make_contact, make_staff, make_ticket


def test_who_sees_which_tickets(agent, lead, sales, outsider, ticket):
    other_sales = make_staff("otto", roles=["sales"])
    elsewhere = make_account("Other Co", ae=other_sales)
    other_ticket = make_ticket(make_contact("Bo", "bo@other.test", account=elsewhere))
    assert set(visible_tickets(agent)) == {ticket, other_ticket}
    assert set(visible_tickets(lead)) == {ticket, other_ticket}
    assert set(visible_tickets(sales)) == {ticket}
    assert set(visible_tickets(other_sales)) == {other_ticket}
    assert list(visible_tickets(outsider)) == []
    assert list(visible_tickets(AnonymousUser())) == []
    assert can_view_ticket(sales, ticket) and not can_view_ticket(sales, other_ticket)
    assert not can_view_ticket(outsider, ticket)


def test_an_inactive_staff_member_sees_nothing(agent, ticket):
    agent.is_active = False
    agent.save()
    agent.__dict__.pop("_sunrelay_roles", None)
    assert list(visible_tickets(agent)) == []
