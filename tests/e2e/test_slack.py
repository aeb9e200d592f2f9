"""Slack in a real browser: a customer writes in their shared channel (a signed event to the
real endpoint, processed by the worker), the ticket appears in the agent's queue, the agent
replies on the ticket page, and the reply reaches the Slack thread (the fake Web API)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunrelay.desk.models import Channel, Ticket
from sunrelay.slack import setup, signing
from tests.e2e.conftest import SCREENSHOTS, SERVING
from tests.e2e.test_workspace import expect, log_in, ready
from tests.factories import make_account, make_staff
from tests.slack.conftest import CHANNEL, SECRET, event_body, message, run_worker
from tests.slack.fake_slack import FakeSlack, user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slack(transactional_db, settings):
    fake = FakeSlack().start()
    settings.SLACK_API_URL = fake.url
    fake.users["UCARLA"] = user("UCARLA", "Carla Customer", "carla@acme.test")
    make_staff("alba", roles=["support"], time_zone="Europe/Madrid", first_name="Alba")
    lead = make_staff("lucia", roles=["support", "lead"])
    account = make_account("Acme Maps", tier="enterprise", mrr=16000, domains=["acme.test"])
    setup.save(lead, bot_token=fake.token, signing_secret=SECRET)
    setup.map_channel(lead, channel_id=CHANNEL, account=account, name="acme-support")
    yield fake
    fake.stop()


def customer_writes(text: str, ts: str) -> None:
    """Slack's signed delivery, handed to the desk by the test's own client, then the worker
    run: the test writes alone (the database is shared with the live server's threads)."""
    body = event_body(message(text, ts), event_id=f"Ev{ts}")
    with SERVING.exclusive():
        answer = Client().post(
            "/slack/events/", body, content_type="application/json",
            headers=signing.sign(SECRET, body),
        )  # fmt: skip
        assert answer.status_code == 200, answer.content
        run_worker()


def test_a_slack_message_becomes_a_ticket_and_the_reply_goes_to_the_thread(page, slack):
    customer_writes("Tiles are blank at zoom 14", "1700000001.000100")
    ticket = Ticket.objects.get(channel=Channel.SLACK)
    log_in(page, "alba")
    page.goto("/desk/queues/unassigned/")
    ready(page)
    expect(page.locator("#queue-results")).to_contain_text("Tiles are blank at zoom 14")
    page.locator("#queue-results").get_by_role("link", name="Tiles are blank at zoom 14").click()
    ready(page)
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{ticket.pk}/$"))
    form = page.locator("#reply-form")
    form.locator("#reply-body").fill("Clear the tile cache, then reload the style.")
    page.screenshot(path=str(SCREENSHOTS / "slack-ticket.png"), full_page=True)
    form.get_by_role("button", name="Send reply").click()
    expect(page.locator(".notice")).to_contain_text("Public reply added")
    with SERVING.exclusive():
        run_worker()
    posted = slack.called("chat.postMessage")
    assert [(p["channel"], p["thread_ts"], p["text"], p["username"]) for p in posted] == [
        (CHANNEL, "1700000001.000100", "Clear the tile cache, then reload the style.", "Alba")
    ]


def test_the_shared_channel_makes_the_account_strategic_and_questions_reach_the_review(page, slack):
    from datetime import timedelta

    from sunrelay.reports import weekly
    from sunrelay.slack.models import Installation, TeamQuestion

    week = weekly.default_week()
    with SERVING.exclusive():
        Installation.objects.filter(pk=1).update(team_channel="C0TEAM001")
        for n, minutes in enumerate([20, 40, None]):
            asked = week.start + timedelta(days=1, hours=n)
            TeamQuestion.objects.create(
                channel_id="C0TEAM001", ts=f"{asked.timestamp():.6f}", group_id="S0CESDR",
                text="Does their plan include vector tiles?", asked_at=asked,
                first_answer_at=asked + timedelta(minutes=minutes) if minutes else None,
            )  # fmt: skip
    log_in(page, "lucia")
    page.goto("/desk/success/")
    ready(page)
    star = page.locator("tr", has_text="Acme Maps").locator(".strategic")
    expect(star).to_have_attribute("title", "Strategic: a shared Slack channel")
    page.goto("/desk/reports/weekly/")
    ready(page)
    section = page.locator("details", has_text="Team channel questions (Slack)")
    section.locator("summary").click()
    expect(section).to_contain_text("30 min")  # the median of 20 and 40 minutes
    expect(section).to_contain_text("67 %")  # two of three answered
