"""Rating in the portal: the contact's solved tickets (their organisation's when shared),
once per solve, changeable while open; others' tickets are not found."""

from __future__ import annotations

from sunrelay.csat.models import Survey
from sunrelay.desk import services as desk
from tests.csat.conftest import solve
from tests.portal.conftest import signed_in


def test_a_contact_rates_a_solved_ticket_and_changes_it(contact, ticket, agent):
    browser = signed_in(contact)
    assert b"How did we do?" not in browser.get(f"/portal/tickets/{ticket.pk}/").content
    solve(ticket, agent)
    page = browser.get(f"/portal/tickets/{ticket.pk}/")
    assert b"How did we do?" in page.content
    done = browser.post(f"/portal/tickets/{ticket.pk}/rating/", {"rating": "good", "comment": "Ta"})
    assert done.status_code == 302 and done["Location"].endswith("#rating")
    assert (Survey.objects.get().rating, Survey.objects.get().rated_via) == ("good", "portal")
    assert b"You rated it <strong>good</strong>" in browser.get(done["Location"]).content
    browser.post(f"/portal/tickets/{ticket.pk}/rating/", {"rating": "bad", "comment": "Ta"})
    assert Survey.objects.get().rating == "bad"


def test_bad_input_and_a_reopened_ticket_are_refused_in_words(contact, ticket, agent):
    browser = signed_in(contact)
    solve(ticket, agent)
    wrong = browser.post(f"/portal/tickets/{ticket.pk}/rating/", {"rating": ""})
    assert wrong.status_code == 422 and b"Choose good or bad." in wrong.content
    desk.receive_customer_message(ticket, contact, "Not fixed.")
    late = browser.post(f"/portal/tickets/{ticket.pk}/rating/", {"rating": "good"})
    assert late.status_code == 422 and b"opened again" in late.content
    assert Survey.objects.get().rating == ""


def test_another_organisations_ticket_is_not_found(contact, ticket, agent, gil):
    solve(ticket, agent)
    browser = signed_in(gil)
    assert (
        browser.post(f"/portal/tickets/{ticket.pk}/rating/", {"rating": "bad"}).status_code == 404
    )
    assert Survey.objects.get().rating == ""


def test_an_unsolved_ticket_has_nothing_to_rate(contact, ticket):
    browser = signed_in(contact)
    assert (
        browser.post(f"/portal/tickets/{ticket.pk}/rating/", {"rating": "good"}).status_code == 404
    )
