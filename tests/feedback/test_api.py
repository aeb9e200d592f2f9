from __future__ import annotations

from sunrelay.feedback import services
from sunrelay.feedback.models import FeedbackItem


def test_capture_list_link_and_rank_through_the_api(client, people, contacts, theme):
    client.force_login(people["alba"])
    made = client.post(
        "/api/v1/feedback",
        {"quote": "Offline maps", "contact_id": contacts["ana"].pk, "importance": "critical"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    item = made.json()
    assert (item["account"]["name"], item["source"], item["theme"]) == ("Ownco Maps", "api", None)
    linked = client.post(
        f"/api/v1/feedback/{item['id']}/theme",
        {"theme_id": theme.pk},
        content_type="application/json",
    )
    assert linked.json()["theme"] == {"id": theme.pk, "name": "Offline maps"}
    (row,) = client.get("/api/v1/themes").json()
    assert row["population"] == "1 account, $30,000 MRR, 1 of them Enterprise"
    assert row["weighted_demand"] == 3
    assert client.get(f"/api/v1/themes/{theme.pk}").json()["items"] == 1
    assert client.get("/api/v1/feedback?unthemed=true").json()["count"] == 0


def test_refusals_are_in_words(client, people, contacts):
    client.force_login(people["alba"])
    answer = client.post(
        "/api/v1/feedback", {"quote": "x", "product_area": "nope"}, content_type="application/json"
    )
    assert answer.status_code == 422 and "no product area" in answer.content.decode()
    assert not FeedbackItem.objects.exists()
    client.force_login(people["sam"])
    answer = client.post("/api/v1/themes", {"name": "Mine"}, content_type="application/json")
    assert answer.status_code == 403


def test_sales_see_their_accounts_items_only(client, people, contacts, theme):
    for contact in contacts.values():
        services.capture(people["alba"], quote="x", contact=contact, theme=theme)
    client.force_login(people["sam"])
    assert client.get("/api/v1/feedback").json()["count"] == 1
    assert client.get("/api/v1/themes").json()[0]["accounts"] == 1
