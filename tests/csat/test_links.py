"""The e-mail's links: one click records, the other link changes it, a comment by POST;
tampered, expired and closed links get a page in words."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from sunrelay.csat import links
from sunrelay.csat.models import Survey
from sunrelay.desk import services as desk
from tests.csat.conftest import links_of, solve, survey_mails


def _links(ticket, agent):
    solve(ticket, agent)
    return links_of(survey_mails(ticket)[0])


def test_one_click_records_the_rating_and_the_other_link_changes_it(ticket, agent):
    good, bad = _links(ticket, agent)
    client = Client()
    page = client.get(good)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert b"we did well" in page.content
    assert ticket.subject.encode() in page.content
    survey = Survey.objects.get()
    assert (survey.rating, survey.rated_via) == ("good", "email") and survey.rated_at
    # Nothing of the ticket but its number and subject: no message, no requester.
    assert b"Help, please." not in page.content and b"carla@acme.test" not in page.content
    assert client.get(bad).status_code == 200
    assert Survey.objects.get().rating == "bad"


def test_the_landing_page_takes_a_comment_and_a_changed_rating(ticket, agent):
    good, _ = _links(ticket, agent)
    client = Client(enforce_csrf_checks=True)
    page = client.get(good)
    token = page.cookies["csrftoken"].value
    refused = client.post(good, {"rating": "bad", "comment": "Too slow"})
    assert refused.status_code == 403  # no CSRF token: nothing written
    assert Survey.objects.get().comment == ""
    done = client.post(
        good, {"rating": "bad", "comment": "  Took two days.  ", "csrfmiddlewaretoken": token}
    )
    assert done.status_code == 200 and b"Saved" in done.content
    survey = Survey.objects.get()
    assert (survey.rating, survey.comment) == ("bad", "Took two days.")


def test_bad_form_input_is_refused_in_words_and_keeps_the_rating(ticket, agent):
    good, _ = _links(ticket, agent)
    client = Client()
    client.get(good)
    page = client.post(good, {"rating": "meh", "comment": "x" * 2001})
    assert page.status_code == 422
    assert b"Choose good or bad." in page.content and b"Keep the comment under" in page.content
    assert Survey.objects.get().rating == "good"


def test_a_tampered_link_gets_a_page_in_words(ticket, agent):
    good, _ = _links(ticket, agent)
    for path in (good[:-3] + "xx/", "/csat/1:bad/", "/csat/nonsense/"):
        page = Client().get(path)
        assert page.status_code == 400
        assert b"changed on its way" in page.content
    assert Survey.objects.get().rating == ""


def test_a_link_for_another_survey_id_cannot_be_forged(ticket, agent):
    _links(ticket, agent)
    forged = links.make(Survey.objects.get().pk, "good")[:-2] + "AA"
    assert Client().get(f"/csat/{forged}/").status_code == 400


def test_an_expired_link_says_so(ticket, agent, settings):
    good, _ = _links(ticket, agent)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        page = Client().get(good)
    assert page.status_code == 400 and b"expired" in page.content
    assert Survey.objects.get().rating == ""


def test_a_survey_closes_when_the_ticket_reopens(ticket, agent):
    good, _ = _links(ticket, agent)
    Client().get(good)
    desk.update_ticket(ticket, agent, status="open")
    page = Client().get(links_of(survey_mails(ticket)[0])[1])
    assert page.status_code == 200 and b"opened again" in page.content
    assert Survey.objects.get().rating == "good"  # kept, not changed


def test_a_deleted_survey_is_a_page_not_an_error(ticket, agent):
    good, _ = _links(ticket, agent)
    Survey.objects.all().delete()
    page = Client().get(good)
    assert page.status_code == 404 and b"no longer exists" in page.content


def test_closing_the_ticket_closes_its_survey_and_keeps_the_rating(ticket, agent):
    good, bad = _links(ticket, agent)
    Client().get(good)
    desk.update_ticket(ticket, agent, status="closed")
    page = Client().get(bad)
    assert page.status_code == 200 and b"This ticket is closed" in page.content
    assert Survey.objects.get().rating == "good"
