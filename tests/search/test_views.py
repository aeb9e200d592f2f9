"""The search pages and GET /api/v1/search, per role."""

from __future__ import annotations

from sunrelay.desk import services
from tests.api.conftest import api_as, as_agent, as_sales  # noqa: F401 - fixtures
from tests.factories import make_account, make_contact, make_ticket


def test_the_results_page_groups_tickets_contacts_and_accounts(client, agent, ticket):
    client.force_login(agent)
    page = client.get("/desk/search/", {"q": "carla"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/desk/tickets/{ticket.pk}/" in html  # the requester's name is in the document
    assert "Contacts" in html and "carla@acme.test" in html


def test_a_bad_query_is_a_422_with_the_reason_in_place(client, agent):
    client.force_login(agent)
    page = client.get("/desk/search/", {"q": '"half a phrase'})
    assert page.status_code == 422
    assert "A quote is not closed" in page.content.decode()
    assert client.get("/desk/search/", {"q": "x" * 100_000}).status_code == 422


def test_suggestions_are_a_fragment(client, agent, ticket):
    client.force_login(agent)
    fragment = client.get("/desk/search/suggest/", {"q": "tiles"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html and f"#{ticket.pk}" in html and "All results for" in html


def test_sales_see_only_their_accounts_on_the_page(client, sales, contact):
    stranger = make_account("Zeta Corp", tier="pro", mrr=100, domains=["zeta.test"])
    hidden = make_ticket(make_contact("Zed", "zed@zeta.test", account=stranger), subject="Kiwi")
    shown = make_ticket(contact, subject="Kiwi")
    client.force_login(sales)
    html = client.get("/desk/search/", {"q": "kiwi"}).content.decode()
    assert f"/desk/tickets/{shown.pk}/" in html and f"/desk/tickets/{hidden.pk}/" not in html


def test_anonymous_visitors_and_people_without_a_role_are_kept_out(client, outsider):
    assert client.get("/desk/search/", {"q": "x"}).status_code == 302
    client.force_login(outsider)
    assert client.get("/desk/search/", {"q": "x"}).status_code == 403


def test_the_api_searches_with_the_same_rules(as_agent, as_sales, agent, ticket, contact):  # noqa: F811
    services.note(ticket, agent, "Runs on the mango cluster")
    body = as_agent.get("/search", {"q": "mango"}).json()
    assert [t["id"] for t in body["tickets"]] == [ticket.pk]
    assert "<mark>mango</mark>" in body["tickets"][0]["snippet"]
    stranger = make_account("Zeta Corp", tier="pro", mrr=100, domains=["zeta.test"])
    make_ticket(make_contact("Zed", "zed@zeta.test", account=stranger), subject="Mango export")
    assert [t["id"] for t in as_sales.get("/search", {"q": "mango"}).json()["tickets"]] == [
        ticket.pk
    ]
    error = as_agent.get("/search", {"q": "colour:red"})
    assert error.status_code == 422 and "no colour: filter" in error.content.decode()
    assert as_agent.get("/search", {"q": "x" * 501}).status_code == 422
