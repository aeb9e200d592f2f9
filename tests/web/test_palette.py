"""The command palette's JSON: tickets by number and subject, queues, saved views, people and
pages; only what the person may see; a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.desk.models import SavedView
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db

URL = "/desk/palette/"


def found(client, q: str) -> list[tuple[str, str]]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return [(i["kind"], i["label"]) for i in response.json()["items"]]


@pytest.fixture
def other_ticket(db):
    globex = make_account("Globex", tier="pro", domains=["globex.test"])
    gil = make_contact("Gil Globex", "gil@globex.test", account=globex)
    return make_ticket(gil, subject="Tiles missing in the Globex embed")


def test_it_finds_tickets_by_number_and_subject_and_opens_them(client, agent, ticket):
    client.force_login(agent)
    assert ("ticket", f"#{ticket.pk} Tiles render blank at zoom 14") in found(client, "zoom blank")
    by_number = client.get(URL, {"q": f"#{ticket.pk}"}).json()["items"]
    assert by_number[0]["url"] == f"/desk/tickets/{ticket.pk}/"
    assert found(client, str(ticket.pk))[0] == (by_number[0]["kind"], by_number[0]["label"])


def test_it_finds_queues_views_people_and_pages(client, agent, lead):
    SavedView.objects.create(owner=agent, name="Urgent enterprise", queue="open", filters={})
    SavedView.objects.create(owner=lead, name="Lead's urgent private", queue="open", filters={})
    client.force_login(agent)
    assert ("queue", "Unassigned") in found(client, "unassig")
    urgent = found(client, "urgent")
    assert ("view", "Urgent enterprise") in urgent
    assert ("view", "Lead's urgent private") not in urgent  # someone else's, not shared
    person = client.get(URL, {"q": "lucia"}).json()["items"]
    assert person[0]["kind"] == "person" and person[0]["url"].endswith(f"?assignee={lead.pk}")
    assert ("action", "Weekly review") in found(client, "review")
    assert ("action", "New ticket") in found(client, "new")
    everything = found(client, "")
    assert ("action", "Settings") in everything and ("queue", "Mine") in everything


def test_sales_find_only_their_accounts_tickets_and_no_desk_actions(
    client, sales, ticket, other_ticket
):
    client.force_login(sales)
    tiles = found(client, "tiles")
    assert ("ticket", f"#{ticket.pk} Tiles render blank at zoom 14") in tiles
    assert not [label for kind, label in tiles if "Globex" in label]
    assert found(client, f"#{other_ticket.pk}") == []  # by number neither
    assert ("action", "New ticket") not in found(client, "new")


def test_the_number_of_queries_does_not_grow_with_the_data(
    client, agent, ticket, django_assert_max_num_queries
):
    client.force_login(agent)
    client.get(URL, {"q": "tiles"})  # the session and the user, as every page
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"q": "tiles zoom"})
    contact = ticket.requester
    for i in range(30):
        make_ticket(contact, subject=f"Tiles zoom problem {i}")
        make_staff(f"tiles{i}", roles=["support"])
        SavedView.objects.create(owner=agent, name=f"Tiles zoom {i}", queue="open", filters={})
    with django_assert_max_num_queries(len(few)):
        items = client.get(URL, {"q": "tiles zoom"}).json()["items"]
    assert len([i for i in items if i["kind"] == "ticket"]) == 6  # LIMIT of each kind
    assert len(few) <= 8  # session, user, roles, profile; views, tickets, people


def test_the_palette_refuses_in_words_and_lets_no_one_else_in(client, agent, outsider):
    client.force_login(agent)
    long = client.get(URL, {"q": "x" * 201})
    assert long.status_code == 400 and long.json() == {"error": "Type at most 200 characters."}
    client.force_login(outsider)
    assert client.get(URL, {"q": "tiles"}).status_code == 403
    client.logout()
    assert client.get(URL, {"q": "tiles"}).status_code == 302
