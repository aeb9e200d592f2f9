"""The ticket list must cost the same number of queries for 5 tickets as for 50."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_account, make_contact, make_staff, make_ticket


def make_rich_tickets(count: int, contact, assignee) -> None:
    cc = make_contact("Cody", "cody@acme.test", account=contact.account)
    for i in range(count):
        make_ticket(contact, subject=f"t{i}", assignee=assignee, tags=[f"t{i}", "maps"], ccs=[cc])


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tickets", params)
    assert response.status_code == 200
    return len(queries)


def test_it_lists_tickets_in_a_fixed_number_of_queries(as_agent, agent, contact):
    make_rich_tickets(50, contact, agent)
    as_agent.get("/tickets")  # the token's first use is recorded: one UPDATE, once
    five = count_queries(as_agent, {"limit": 5})
    fifty = count_queries(as_agent, {"limit": 50})
    assert fifty == five


def test_it_lists_a_full_page_in_few_queries(
    as_agent, agent, contact, django_assert_max_num_queries
):
    make_rich_tickets(50, contact, agent)
    as_agent.get("/tickets")  # last use of the token recorded
    # the address's failed attempts + token + roles + count + tickets (with joins, urgency
    # too) + tags + ccs + SLA targets
    with django_assert_max_num_queries(8):
        response = as_agent.get("/tickets", {"limit": 50, "tag": "maps"})
    assert len(response.json()["items"]) == 50


def test_it_lists_accounts_contacts_and_staff_in_a_fixed_number_of_queries(as_agent, account):
    for i in range(20):
        acc = make_account(f"A{i}", domains=[f"a{i}.test"])
        make_contact(f"C{i}", f"c{i}@a{i}.test", account=acc)
    for i in range(20):
        make_staff(f"s{i}", roles=["support"])
    as_agent.get("/staff")  # the token's first use is recorded: one UPDATE, once
    for path in ("/accounts", "/contacts", "/staff"):
        assert count_queries_for(as_agent, path, 2) == count_queries_for(as_agent, path, 20)


def count_queries_for(client, path: str, limit: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, {"limit": limit}).status_code == 200
    return len(queries)
