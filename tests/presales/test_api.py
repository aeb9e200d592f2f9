from __future__ import annotations

from django.test import Client

from sunrelay.api.tokens import create_token
from sunrelay.presales import services
from tests.factories import make_account


def api(user) -> Client:
    token = create_token(user, "test")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_sales_rep_goes_from_opportunity_to_request(people, account):
    sam = api(people["sam"])
    made = sam.post(
        "/api/v1/opportunities",
        {"account_id": account.pk, "name": "Fleet", "amount": "9000", "currency": "EUR"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    opportunity = made.json()
    assert (opportunity["qualified"], opportunity["ae"]["username"]) == (False, "sam")
    ask = {
        "opportunity_id": opportunity["id"],
        "context": "Fleet",
        "reasons": ["revenue"],
        "due_on": "2099-01-01",
    }
    refused = sam.post("/api/v1/se-requests", ask, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["msg"].startswith(
        "This opportunity is not qualified yet: confirm budget, authority, need, timeline"
    )
    for item in ("budget", "authority", "need", "timeline"):
        done = sam.post(
            f"/api/v1/opportunities/{opportunity['id']}/confirmations",
            {"item": item},
            content_type="application/json",
        )
        assert done.status_code == 201
    asked = sam.post("/api/v1/se-requests", ask, content_type="application/json")
    assert asked.status_code == 201, asked.content
    assert asked.json()["support_history"] == {"tickets": [], "skills": [], "past_requests": []}
    lead = api(people["lucia"])
    assigned = lead.post(
        f"/api/v1/opportunities/{opportunity['id']}/assignment",
        {"se_id": people["sofia"].pk},
        content_type="application/json",
    )
    assert assigned.status_code == 201
    assert assigned.json()["warning"] == ""
    denied = sam.post(
        f"/api/v1/opportunities/{opportunity['id']}/assignment",
        {"se_id": people["sergio"].pk},
        content_type="application/json",
    )
    assert denied.status_code == 403
    shown = sam.get(f"/api/v1/opportunities/{opportunity['id']}").json()
    assert shown["se"]["username"] == "sofia"
    assert [a["se"]["username"] for a in shown["assignments"]] == ["sofia"]


def test_sales_list_only_their_accounts(people, opportunity):
    other = make_account("Otherco Rail", ae=people["otto"])
    services.create_opportunity(people["otto"], account=other, name="Rail")
    names = [o["name"] for o in api(people["sam"]).get("/api/v1/opportunities").json()["items"]]
    assert names == ["Ownco routing"]
    assert api(people["alba"]).get("/api/v1/opportunities").json()["count"] == 2


def test_a_page_of_opportunities_costs_the_same_queries_however_long(
    people, account, django_assert_num_queries
):
    client = api(people["alba"])
    client.get("/api/v1/opportunities")  # the token's first use writes its last-used time
    for n in range(6):
        made = services.create_opportunity(people["sam"], account=account, name=f"Deal {n}")
        services.confirm(people["sam"], made, "budget")
    # The throttle, the token, roles; the count, the page, its product areas, confirmations
    # and who confirmed them; the checklist's items once.
    with django_assert_num_queries(9):
        listed = client.get("/api/v1/opportunities").json()
    assert listed["count"] == 6
    assert {tuple(o["missing"]) for o in listed["items"]} == {("Authority", "Need", "Timeline")}


def test_the_capacity_view_in_the_api(people, account):
    opportunity = services.create_opportunity(people["sam"], account=account, name="Tiles")
    services.set_overload_threshold(people["lucia"], 1)
    services.assign(people["lucia"], opportunity, people["sofia"])
    answer = api(people["sergio"]).get("/api/v1/se-capacity")
    assert answer.status_code == 200
    rows = {row["se"]["username"]: row for row in answer.json()}
    assert rows["sofia"]["open_opportunities"] == 1 and rows["sofia"]["overloaded_by_one_more"]
    assert "over the limit of 1" in rows["sofia"]["warning"]
    assert rows["sergio"]["load"] == 0
    assert api(people["sam"]).get("/api/v1/se-capacity").status_code == 403
