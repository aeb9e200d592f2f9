"""The knowledge pages of the desk and the public help centre."""

from __future__ import annotations

from sunrelay.desk import services
from sunrelay.desk.models import ProductArea
from sunrelay.kb import articles, macros
from sunrelay.kb.models import ArticleFeedback, Macro, Visibility


def test_the_help_centre_works_logged_out(client, agent):
    area = ProductArea.objects.create(name="Maps", slug="maps")
    public = articles.create_article(
        agent,
        title="Blank tiles",
        body="Check the **filter**.",
        beginner="Open *Layers*.",
        visibility=Visibility.PUBLIC,
        product_area=area,
    )
    hidden = articles.create_article(agent, title="Runbook: tile cache", body="Flush it.")
    home = client.get("/help/").content.decode()
    assert "Blank tiles" in home and "Runbook" not in home and "Maps" in home
    assert client.get(f"/help/{hidden.slug}/").status_code == 404
    page = client.get(f"/help/{public.slug}/").content.decode()
    assert "<strong>filter</strong>" in page
    assert "<em>Layers</em>" in client.get(f"/help/{public.slug}/?level=beginner").content.decode()
    found = client.get("/help/", {"q": "tiles"}).content.decode()
    assert "1 article for" in found
    assert client.get("/help/", {"q": "runbook"}).content.decode().count("/help/runbook") == 0
    assert client.get("/help/", {"q": '"open'}).status_code == 422


def test_feedback_counts_once_per_visitor(client, agent):
    public = articles.create_article(agent, title="T", body="B", visibility=Visibility.PUBLIC)
    for answer in ("yes", "no", "yes"):
        response = client.post(f"/help/{public.slug}/feedback/", {"helpful": answer})
        assert response.status_code == 302
    assert ArticleFeedback.objects.count() == 1
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_an_agent_writes_edits_and_compares_versions(client, agent):
    client.force_login(agent)
    created = client.post(
        "/desk/kb/new/", {"title": "Label styling", "visibility": "internal", "body": "Use CSS."}
    )
    assert created.status_code == 302
    article = articles.visible_articles(agent).get(title="Label styling")
    edited = client.post(
        f"/desk/kb/{article.slug}/edit/",
        {"title": "Label styling", "visibility": "public", "body": "Use CartoCSS.", "note": "tool"},
    )
    assert edited.status_code == 302
    detail = client.get(f"/desk/kb/{article.slug}/").content.decode()
    assert "version 2" in detail and "tool" in detail
    diff = client.get(f"/desk/kb/{article.slug}/diff/", {"from": 1, "to": 2}).content.decode()
    assert "- Use CSS." in diff and "+ Use CartoCSS." in diff
    refused = client.post("/desk/kb/new/", {"title": "", "visibility": "internal", "body": ""})
    assert refused.status_code == 422


def test_sales_read_knowledge_but_cannot_write(client, sales, agent):
    article = articles.create_article(agent, title="Internal notes", body="x")
    client.force_login(sales)
    assert client.get(f"/desk/kb/{article.slug}/").status_code == 200
    assert client.get("/desk/kb/new/").status_code == 403


def test_a_reply_becomes_a_macro_and_a_ticket_an_article_draft(client, agent, ticket):
    client.force_login(agent)
    reply = services.reply(ticket, agent, "Hi Carla, the layer filter hides the tiles.")
    form = client.get("/desk/macros/new/", {"message": reply.pk}).content.decode()
    assert "Hi {requester_first_name}, the layer filter" in form
    draft = client.get("/desk/kb/new/", {"ticket": ticket.pk}).content.decode()
    assert "What the customer asked" in draft and "What we answered" in draft
    saved = client.post(
        "/desk/macros/new/",
        {"name": "Layer filter", "body": "Hi {requester_first_name}", "tags": "tiles"},
    )
    assert saved.status_code == 302
    macro = Macro.objects.get(name="Layer filter")
    assert macro.owner == agent and macro.changes == {"tags": ["tiles"]}
    bad = client.post("/desk/macros/new/", {"name": "x", "body": "{nope}"})
    assert bad.status_code == 422 and "Unknown placeholder" in bad.content.decode()
    listing = client.get("/desk/macros/").content.decode()
    assert "Layer filter" in listing
    assert client.post(f"/desk/macros/{macro.pk}/delete/").status_code == 302
    assert not Macro.objects.filter(pk=macro.pk).exists()
    assert macros.visible_macros(agent).count() == 0
