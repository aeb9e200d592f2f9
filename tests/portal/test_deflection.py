"""Articles suggested while a visitor types, the visits recorded, and the deflection figure
on the knowledge list and in the API."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from sunrelay.kb import articles
from sunrelay.kb.models import Visibility
from sunrelay.portal import deflection, formtoken
from sunrelay.portal.models import FormVisit


def _articles(agent):
    public = articles.create_article(
        agent,
        title="Blank tiles at high zoom",
        body="Check the layer's zoom range.",
        visibility=Visibility.PUBLIC,
    )
    articles.create_article(agent, title="Runbook: blank tiles", body="Flush the tile cache.")
    return public


def test_public_articles_are_suggested_as_the_subject_is_typed(client, agent):
    public = _articles(agent)
    token = formtoken.issue()
    shown = client.get("/portal/new/suggest/", {"subject": "tiles bla", "form_token": token})
    html = shown.content.decode()
    assert shown.status_code == 200
    assert "Blank tiles at high zoom" in html and "Runbook" not in html  # public only
    assert f"/portal/new/read/{public.slug}/?t=" in html
    visit = FormVisit.objects.get()
    assert visit.suggestions_shown == 1

    nothing = client.get("/portal/new/suggest/", {"subject": "invoice", "form_token": token})
    assert "may answer" not in nothing.content.decode()
    opened = client.get(f"/portal/new/read/{public.slug}/", {"t": token})
    assert opened.status_code == 302 and opened["Location"] == f"/help/{public.slug}/"
    visit.refresh_from_db()
    assert (visit.suggestions_shown, visit.articles_opened) == (1, 1)
    # Internal articles are not opened through the form.
    assert client.get("/portal/new/read/runbook-blank-tiles/").status_code == 404


def test_suggestions_without_a_token_are_shown_but_not_counted(client, agent):
    _articles(agent)
    shown = client.get("/portal/new/suggest/", {"subject": "blank tiles", "form_token": "x"})
    assert "Blank tiles at high zoom" in shown.content.decode()
    assert not FormVisit.objects.exists()


def test_the_figure_counts_visits_that_left_without_a_request(db):
    now = timezone.now()

    def visit(key, *, shown=0, opened=0, sent=False, hours_ago=3):
        FormVisit.objects.create(
            key=key,
            started_at=now - timedelta(hours=hours_ago),
            suggestions_shown=shown,
            articles_opened=opened,
            submitted_at=now if sent else None,
        )

    visit("a", shown=2, opened=1)  # read an article and left: deflected
    visit("b", shown=1)  # shown, left without reading: deflected
    visit("c", shown=3, opened=1, sent=True)  # read an article, sent anyway
    visit("d", sent=True)  # nothing to suggest, sent
    visit("e", shown=1, hours_ago=0)  # may still be typing: not counted yet
    visit("f", shown=1, hours_ago=24 * 40)  # before the period
    figure = deflection.figure(30, now=now)
    assert (figure.visits, figure.shown, figure.deflected, figure.opened) == (4, 3, 2, 1)
    assert round(figure.rate, 3) == 0.667


def test_the_knowledge_list_shows_the_figure(client, agent):
    FormVisit.objects.create(
        key="a", started_at=timezone.now() - timedelta(hours=2), suggestions_shown=1
    )
    client.force_login(agent)
    page = client.get("/desk/kb/").content.decode()
    assert "Deflection: 1 of 1" in page and "(100%)" in page


def test_a_network_records_a_bounded_number_of_visits(client, agent, monkeypatch):
    _articles(agent)
    monkeypatch.setattr(deflection, "VISITS_PER_IP", 2)
    for _ in range(3):
        client.get("/portal/new/suggest/", {"subject": "tiles", "form_token": formtoken.issue()})
    assert FormVisit.objects.count() == 2


def test_a_sent_request_marks_its_visit(client, db):
    with time_machine.travel(timezone.now() - timedelta(minutes=1)):
        token = formtoken.issue()
    client.get("/portal/new/suggest/", {"subject": "tiles", "form_token": token})
    fields = {
        "email": "ana@newcorp.test",
        "subject": "Tiles",
        "description": "Blank.",
        "urgency": "question",
        "form_token": token,
    }
    assert client.post("/portal/new/", fields).status_code == 200
    assert FormVisit.objects.get().submitted_at is not None
