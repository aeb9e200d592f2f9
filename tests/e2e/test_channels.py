"""The Q&A-site and mailing-list channels in the browser: a Q&A ticket with its question link
and answers, and a list ticket's "reply to the list / privately" choice."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from sunrelay.desk.models import Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import MailingList, Outbox, Source
from sunrelay.qa import fetch
from sunrelay.qa.services import map_staff
from sunrelay.qa.sync import import_questions
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_workspace import expect, log_in, ready
from tests.qa.conftest import SITE, TAG, export_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "https://gis.stackexchange.com/questions/4101/vector-tiles-render-blank"
LIST = "gis-users@lists.example.test"


@pytest.fixture
def desk(transactional_db):
    return build_desk()


def test_a_q_and_a_ticket_shows_its_question_and_answers(page, desk):
    map_staff(SITE, 77, User.objects.get(username="alba"))
    import_questions(fetch.load(str(export_path())), site=SITE, tag=TAG)
    ticket = Ticket.objects.get(external_ref=f"qa:{SITE}:4101")
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    panel = page.locator("#qa-panel")
    expect(panel.locator("[data-question-link]")).to_have_attribute("href", QUESTION)
    expect(panel.locator("li[data-post-kind=answer]")).to_contain_text("our team")
    expect(panel.locator("li[data-post-kind=comment]")).to_have_count(2)
    expect(page.locator("#site-answer")).to_contain_text("Public answers go on the Q&A site itself")
    expect(page.locator(".thread")).to_contain_text("to 14 on the source; the style overzooms")
    page.screenshot(path=SCREENSHOTS / "qa-ticket.png", full_page=True)


def test_a_list_ticket_replies_to_the_list_or_privately(page, desk):
    MailingList.objects.create(name="gis-users", address=LIST)
    raw = (
        f"From: Dana Developer <dana@geo.example>\nTo: <{LIST}>\n"
        "Subject: [gis-users] Tile seams at zoom 14\nMessage-ID: <seams-1@geo.example>\n"
        f"List-Post: <mailto:{LIST}>\nPrecedence: list\n\nWe see seams at zoom 14.\n"
    ).encode()
    ticket = Ticket.objects.get(pk=intake.receive(raw, source=Source.SMTP).ticket_id)
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    form = page.locator("#reply-form")
    expect(form.get_by_label("Reply privately to Dana Developer")).to_be_checked()
    form.get_by_label(f"Reply to the list ({LIST})").check()
    form.locator("#reply-body").fill("Set maxzoom to 14 on the source; it overzooms.")
    page.screenshot(path=SCREENSHOTS / "list-reply-choice.png", full_page=True)
    form.get_by_role("button", name="Send reply").click()
    expect(page.locator(".notice")).to_contain_text("Public reply added")
    sent = Outbox.objects.get(ticket=ticket)
    assert (sent.to, sent.subject) == ([LIST], "Re: [gis-users] Tile seams at zoom 14")
