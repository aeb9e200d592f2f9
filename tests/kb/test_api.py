"""/api/v1/articles and /api/v1/macros."""

from __future__ import annotations

from sunrelay.desk.models import MessageKind, ProductArea, Status
from sunrelay.kb import articles
from sunrelay.kb.models import Visibility
from tests.api.conftest import anonymous, api_as, as_agent, as_outsider, as_sales  # noqa: F401


def test_articles_are_written_read_edited_and_searched(as_agent, as_sales, agent):  # noqa: F811
    area = ProductArea.objects.create(name="Maps", slug="maps")
    created = as_agent.post(
        "/articles",
        {
            "title": "Blank tiles",
            "body": "Check the layer filter.",
            "beginner": "Open *Layers*.",
            "visibility": "public",
            "product_area_id": area.pk,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (
        body["slug"] == "blank-tiles"
        and body["version"] == 1
        and body["product_area"]["slug"] == "maps"
    )
    edited = as_agent.patch(
        f"/articles/{body['id']}", {"body": "Check the date filter.", "note": "date"}
    )
    assert edited.json()["version"] == 2
    versions = as_agent.get(f"/articles/{body['id']}/versions").json()
    assert [v["number"] for v in versions] == [2, 1] and versions[0]["note"] == "date"
    found = as_agent.get("/articles", {"q": "date filter"}).json()
    assert [a["id"] for a in found["items"]] == [body["id"]]
    # Sales read, never write
    assert as_sales.get(f"/articles/{body['id']}").status_code == 200
    assert as_sales.post("/articles", {"title": "x", "body": "y"}).status_code == 403


def test_bad_article_input_is_a_422(as_agent):  # noqa: F811
    assert as_agent.post("/articles", {"title": "", "body": ""}).status_code == 422
    assert (
        as_agent.post("/articles", {"title": "t", "body": "b", "colour": "red"}).status_code == 422
    )
    assert (
        as_agent.post("/articles", {"title": "t", "body": "b", "product_area_id": 999}).status_code
        == 422
    )
    assert as_agent.get("/articles", {"q": '"open'}).status_code == 422


def test_people_without_a_role_see_public_articles_only(as_outsider, agent):  # noqa: F811
    public = articles.create_article(agent, title="Public", body="p", visibility=Visibility.PUBLIC)
    articles.create_article(agent, title="Internal", body="i")
    # As everywhere in /api/v1, a person without a role gets empty lists and 404s.
    assert [a["id"] for a in as_outsider.get("/articles").json()["items"]] == [public.pk]
    internal_id = articles.visible_articles(agent).get(title="Internal").pk
    assert as_outsider.get(f"/articles/{internal_id}").status_code == 404


def test_macros_are_listed_created_applied_and_deleted(as_agent, as_sales, ticket):  # noqa: F811
    created = as_agent.post(
        "/macros",
        {
            "name": "Need details",
            "body": "Hi {requester_first_name}, which zoom?",
            "changes": {"status": "pending", "tags": ["needs-info"]},
        },
    )
    assert created.status_code == 201, created.content
    macro = created.json()
    assert macro["owner"]["username"] == "alba" and macro["changes"] == {
        "status": "pending",
        "tags": ["needs-info"],
    }
    assert [m["id"] for m in as_agent.get("/macros").json()["items"]] == [macro["id"]]
    applied = as_agent.post(f"/macros/{macro['id']}/apply", {"ticket_id": ticket.pk})
    assert applied.status_code == 200, applied.content
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING
    assert ticket.messages.get(pk=applied.json()["message_id"]).kind == MessageKind.REPLY
    assert as_agent.get(f"/macros/{macro['id']}").json()["uses"] == 1
    bad = as_agent.post(f"/macros/{macro['id']}/apply", {"ticket_id": 99999})
    assert bad.status_code == 422
    assert as_sales.get("/macros").json()["items"] == []
    assert (
        as_sales.post(f"/macros/{macro['id']}/apply", {"ticket_id": ticket.pk}).status_code == 404
    )
    assert as_agent.post("/macros", {"name": "x", "body": "{oops}"}).status_code == 422
    assert as_agent.post("/macros", {"name": "x", "body": "y", "shared": True}).status_code == 403
    assert as_agent.delete(f"/macros/{macro['id']}").status_code == 204
