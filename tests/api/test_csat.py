"""/api/v1/csat for staff (sales: their accounts only; nobody else any), and a contact's own
rating through /api/v1/portal/tickets/{id}/rating (their organisation's tickets only)."""

from __future__ import annotations

import pytest
from django.test import Client

from sunrelay.csat import services
from sunrelay.csat.models import Survey
from sunrelay.desk import services as desk
from sunrelay.portal.tokens import create_token
from tests.api.conftest import ApiClient
from tests.csat.conftest import solve
from tests.factories import make_account, make_contact, make_ticket


@pytest.fixture
def two_accounts(ticket, agent):
    """Acme's ticket (the sales fixture's account) rated bad; Globex's rated good."""
    globex = make_account("Globex", tier="pro", domains=["globex.test"])
    gil = make_contact("Gil", "gil@globex.test", account=globex, skill="advanced")
    theirs = make_ticket(gil, subject="Globex export")
    desk.update_ticket(theirs, agent, assignee=agent)
    for t, rating in ((ticket, "bad"), (theirs, "good")):
        solve(t, agent)
        services.rate(Survey.objects.get(ticket=t), rating, via="email", comment=f"{rating}!")
    return {"acme": ticket, "globex": theirs, "gil": gil}


def test_support_lists_every_rating_with_filters(api_as, agent, two_accounts):
    api = api_as(agent)
    listed = api.get("/csat").json()
    assert listed["count"] == 2 and listed["limit"] == 50
    item = next(i for i in listed["items"] if i["ticket"]["id"] == two_accounts["globex"].pk)
    assert (item["rating"], item["comment"], item["tier"], item["skill"]) == (
        "good", "good!", "pro", "advanced"
    )  # fmt: skip
    assert item["agent"]["id"] == agent.pk and item["account"]["name"] == "Globex"
    assert api.get("/csat", {"rating": "bad"}).json()["count"] == 1
    assert api.get("/csat", {"rating": "unrated"}).json()["count"] == 0
    assert api.get("/csat", {"tier": "enterprise"}).json()["count"] == 1
    globex = two_accounts["globex"].account_id
    assert api.get("/csat", {"account": globex}).json()["items"][0]["rating"] == "good"
    assert api.get("/csat", {"since": "2199-01-01T00:00:00Z"}).json()["count"] == 0
    assert api.get("/csat", {"agent": agent.pk, "limit": 1}).json()["count"] == 2
    refused = api.get("/csat", {"rating": "meh"})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "rating"]


def test_the_summary_counts_with_populations(api_as, lead, two_accounts):
    summary = api_as(lead).get("/csat/summary").json()
    overall = summary["overall"]
    assert (overall["good"], overall["rated"], overall["asked"]) == (1, 2, 2)
    assert (overall["share_good"], overall["response_rate"]) == (0.5, 1)
    assert [r["label"] for r in summary["by_tier"]] == ["Enterprise", "Pro"]
    assert summary["by_tier"][1]["tickets"] == [two_accounts["globex"].pk]


def test_sales_see_only_their_accounts_ratings(api_as, sales, two_accounts):
    listed = api_as(sales).get("/csat").json()
    assert [i["ticket"]["id"] for i in listed["items"]] == [two_accounts["acme"].pk]
    assert api_as(sales).get("/csat/summary").json()["overall"]["asked"] == 1


def test_nobody_else_reads_ratings(api_as, outsider, two_accounts):
    assert api_as(outsider).get("/csat").json()["count"] == 0
    assert ApiClient().get("/csat").status_code == 401
    # A contact's token opens the portal's API only.
    _token, raw = create_token(two_accounts["gil"], "tests")
    assert ApiClient(raw).get("/csat").status_code == 401


def test_a_contact_rates_their_solved_ticket_and_changes_it_while_open(contact, ticket, agent):
    _token, raw = create_token(contact, "tests")
    api = ApiClient(raw)
    path = f"/api/v1/portal/tickets/{ticket.pk}/rating"
    put = lambda data: Client(headers={"Authorization": f"Bearer {raw}"}).put(  # noqa: E731
        path, data, content_type="application/json"
    )
    assert api.get(f"/portal/tickets/{ticket.pk}/rating").status_code == 404  # not solved yet
    solve(ticket, agent)
    before = api.get(f"/portal/tickets/{ticket.pk}/rating").json()
    assert before["rating"] is None and before["open"] is True
    done = put({"rating": "good", "comment": "Thanks!"})
    assert done.status_code == 200 and done.json()["rating"] == "good"
    assert put({"rating": "bad"}).json()["comment"] == "Thanks!"  # the comment stays
    survey = Survey.objects.get()
    assert (survey.rating, survey.rated_via) == ("bad", "api")
    assert put({"rating": "meh"}).status_code == 422
    desk.receive_customer_message(ticket, contact, "It broke again.")
    closed = put({"rating": "good"})
    assert closed.status_code == 422 and "opened again" in str(closed.json()["detail"])
    assert Survey.objects.get().rating == "bad"


def test_a_contact_cannot_rate_another_organisations_ticket(two_accounts, agent):
    _token, raw = create_token(two_accounts["gil"], "tests")
    theirs = ApiClient(raw).get(f"/portal/tickets/{two_accounts['acme'].pk}/rating")
    assert theirs.status_code == 404
    mine = ApiClient(raw).get(f"/portal/tickets/{two_accounts['globex'].pk}/rating")
    assert mine.json()["rating"] == "good"
