"""`sunrelay qa import` from a file and from a URL (a real HTTP server on loopback), the
worker's scheduled import of configured sources, and the pages."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sunrelay.desk.models import Channel, Ticket
from sunrelay.qa import drains
from sunrelay.qa.models import QaSource, SiteUser
from sunrelay.qa.services import map_staff
from tests.qa.conftest import SITE, TAG, export_path


def qa(*args) -> dict:
    out = StringIO()
    call_command("qa", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_imports_a_file_and_again_adds_nothing(db):
    first = qa("import", str(export_path()), "--site", SITE, "--tag", TAG)
    assert (first["created"], first["appended"]) == (1, 3)
    second = qa("import", str(export_path()), "--site", SITE, "--tag", TAG)
    assert (second["created"], second["appended"], second["unchanged"]) == (0, 0, 4)
    assert Ticket.objects.filter(channel=Channel.QA_SITE).count() == 1


def test_the_command_fetches_a_url_only_when_given_one(db, export_server):
    summary = qa("import", export_server.url, "--site", SITE, "--tag", TAG)
    assert summary["created"] == 1 and export_server.requests == ["/2.3/questions"]


def test_a_url_that_fails_is_said_in_words_and_nothing_is_written(db, export_server):
    export_server.status = 502
    with pytest.raises(CommandError, match="answered 502"):
        call_command("qa", "import", export_server.url, "--site", SITE, "--tag", TAG)
    with pytest.raises(CommandError, match="No file at"):
        call_command("qa", "import", "/nonexistent/export.json", "--site", SITE, "--tag", TAG)
    assert not Ticket.objects.exists()


def test_the_worker_imports_each_due_source_once_per_interval(db, export_server):
    source = QaSource.objects.create(site=SITE, tag=TAG, url=export_server.url)
    assert drains.import_due() is True
    assert drains.import_due() is False  # not due again before the interval
    source.refresh_from_db()
    assert source.last_run_at is not None and source.last_error == ""
    assert source.last_result.startswith("1 questions, 1 created, 3 appended")
    assert Ticket.objects.count() == 1 and len(export_server.requests) == 1


def test_a_failing_source_records_why_and_waits_for_the_next_interval(db, export_server):
    export_server.status = 500
    source = QaSource.objects.create(site=SITE, tag=TAG, url=export_server.url)
    drains.import_due()
    source.refresh_from_db()
    assert "answered 500" in source.last_error
    assert drains.import_due() is False


def test_the_ticket_page_shows_the_question_link_and_its_answers(client, db, agent):
    map_staff(SITE, 77, agent)
    qa("import", str(export_path()), "--site", SITE, "--tag", TAG)
    ticket = Ticket.objects.get()
    client.force_login(agent)
    panel = client.get(reverse("qa_ticket:panel", args=[ticket.pk]), HTTP_HX_REQUEST="true")
    html = panel.content.decode()
    assert 'href="https://gis.stackexchange.com/questions/4101/vector-tiles-render-blank"' in html
    assert "https://gis.stackexchange.com/a/4102" in html and "our team" in html
    page = client.get(reverse("desk:ticket", args=[ticket.pk])).content.decode()
    assert "Public answers go on the Q&amp;A site itself" in page
    assert 'id="reply-body"' not in page  # no public-reply box for a site's question
    assert 'id="reply-form"' not in page  # so the macro picker offers nothing to fill in


def test_the_panel_is_empty_for_other_channels(client, db, agent, ticket):
    client.force_login(agent)
    response = client.get(reverse("qa_ticket:panel", args=[ticket.pk]))
    assert response.status_code == 200 and response.content == b""


def test_leads_configure_sources_and_our_people_others_may_not(client, db, lead, agent):
    client.force_login(agent)
    assert client.get(reverse("qa:settings")).status_code == 403
    client.force_login(lead)
    assert client.get(reverse("qa:settings")).status_code == 200
    response = client.post(
        reverse("qa:add_source"),
        {"site": SITE, "tag": "Sunrelay-Maps", "url": "https://api.example.test/questions"},
    )
    assert response.status_code == 302
    assert QaSource.objects.get().tag == "sunrelay-maps"
    bad = client.post(reverse("qa:add_source"), {"site": SITE, "tag": "x", "url": "not a url"})
    assert bad.status_code == 422 and QaSource.objects.count() == 1
    client.post(reverse("qa:add_staff"), {"site": SITE, "user_id": 77, "staff": agent.pk})
    assert SiteUser.objects.get(user_id=77).staff == agent
    source = QaSource.objects.get()
    client.post(reverse("qa:source_action", args=[source.pk, "pause"]))
    source.refresh_from_db()
    assert not source.active
    assert client.post(reverse("qa:source_action", args=[source.pk, "explode"])).status_code == 404
    assert QaSource.objects.filter(pk=source.pk).exists()
