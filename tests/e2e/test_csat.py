"""Customer satisfaction in a real browser: a ticket is solved, the customer opens the Good
link of the e-mail (taken from the outbox row) and leaves a comment; the agent sees it on the
ticket; the lead sees it in the weekly report; a contact rates another ticket in the portal."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from sunrelay.csat.models import Survey
from sunrelay.desk import services
from sunrelay.portal import signin
from sunrelay.reports.periods import Week
from tests.csat.conftest import links_of, survey_mails
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.data import build_desk
from tests.e2e.test_reply_solves import solve_from_the_reply_form
from tests.e2e.test_workspace import expect, log_in, log_out, ready
from tests.factories import make_staff
from tests.portal.conftest import last_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    data = build_desk()
    make_staff("lucia", roles=["support", "lead"], time_zone="Europe/Madrid")
    return data


def test_a_rating_goes_from_the_email_to_the_ticket_and_the_report(
    page, desk, live_server, settings
):
    settings.BASE_URL = live_server.url  # the e-mail's links point at this server
    ticket = desk["main"]
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    ready(page)
    solve_from_the_reply_form(page, ticket)
    log_out(page)  # the customer is nobody who is logged in

    # The customer: the Good link of the e-mail in the outbox, then a comment.
    good, _bad = links_of(survey_mails(ticket)[0])
    page.goto(good)
    expect(page.locator("#csat-recorded")).to_contain_text("we did well")
    expect(page.get_by_text(ticket.subject)).to_be_visible()
    page.get_by_label("Anything you want to tell us? (optional)").fill("Fixed within the hour!")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#csat-recorded")).to_contain_text("Saved")
    page.screenshot(path=str(SCREENSHOTS / "csat-landing.png"))
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.rating, survey.comment) == ("good", "Fixed within the hour!")

    # The agent sees it on the ticket.
    log_in(page, "alba")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    panel = page.locator("#csat-panel")
    expect(panel).to_contain_text("Good")
    expect(panel).to_contain_text("Fixed within the hour!")

    # The lead sees it in this week's report, with its ticket linked.
    log_out(page)
    log_in(page, "lucia")
    week = Week.containing(timezone.now(), settings.REPORT_TIME_ZONE).label
    page.goto(f"/desk/reports/weekly/?week={week}")
    ratings = page.locator("#table-csat_ratings")
    for table in ("#table-csat_ratings", "#table-csat"):  # sections open folded
        section = page.locator("details.report-section").filter(has=page.locator(table))
        if section.get_attribute("open") is None:
            section.locator("summary").first.click()
    expect(ratings).to_contain_text("Fixed within the hour!")
    expect(ratings.get_by_role("link", name=f"#{ticket.pk}")).to_be_visible()
    expect(page.locator("#table-csat")).to_contain_text("Enterprise")


def test_a_contact_rates_a_solved_ticket_in_the_portal(page, desk, live_server, settings):
    settings.BASE_URL = live_server.url
    ticket = desk["main"]
    services.reply(ticket, desk["people"]["alba"], "Fixed.", status="solved", cause="question")
    carla = desk["contacts"]["carla"]
    signin.send_link(carla)
    page.goto(last_link(carla.email))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/portal/$"))
    page.goto(f"/portal/tickets/{ticket.pk}/")
    rating = page.locator("#rating")
    expect(rating.get_by_role("heading", name="How did we do?")).to_be_visible()
    rating.get_by_label("Bad").check()
    rating.get_by_label("Anything you want to tell us? (optional)").fill("Took two days.")
    rating.get_by_role("button", name="Save rating").click()
    expect(page.locator("#rating")).to_contain_text("You rated it bad")
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.rating, survey.comment, survey.rated_via) == ("bad", "Took two days.", "portal")
