"""The pages: account teams and capacity, the CE's account page, the two forms, the
requests' queue and the ticket's support context panel."""

from __future__ import annotations

from django.test import Client

from sunrelay.success import forms_to_support, teams
from sunrelay.success.models import ContextNote, SupportRequest
from tests.factories import make_account
from tests.success.test_forms_to_support import CONTEXT, REQUEST


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_teams_page_shows_each_engineers_load_and_is_in_the_navigation(lead, engineer):
    make_account("Acme Rail", ce=engineer, mrr=2500)
    page = _as(lead).get("/desk/success/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Account teams" in text and "Ines" in text and "Acme Rail" in text
    assert 'href="/desk/success/"' in _as(lead).get("/desk/").content.decode()


def test_a_lead_changes_the_team_on_the_account_page(account, lead, engineer, sales):
    client = _as(lead)
    sent = client.post(
        f"/desk/success/accounts/{account.pk}/team/",
        {"ae": sales.pk, "ce": engineer.pk, "reason": "Renewal coming"},
    )
    assert sent.status_code == 302
    page = client.get(f"/desk/success/accounts/{account.pk}/").content.decode()
    assert "Renewal coming" in page and "Change the team" in page


def test_a_context_note_from_a_ticket_shows_in_its_panel_for_support(ticket, engineer, agent):
    sent = _as(engineer).post(f"/desk/success/context/new/?ticket={ticket.pk}", CONTEXT)
    assert sent.status_code == 302 and sent["Location"] == f"/desk/tickets/{ticket.pk}/"
    panel = _as(agent).get(f"/desk/tickets/{ticket.pk}/context/", HTTP_HX_REQUEST="true")
    assert "40k layers" in panel.content.decode()
    assert ContextNote.objects.get().ticket == ticket


def test_a_refused_form_keeps_what_was_typed(account, engineer):
    page = _as(engineer).post(
        f"/desk/success/context/new/?account={account.pk}", {**CONTEXT, "background": ""}
    )
    assert page.status_code == 422
    assert "This field is required." in page.content.decode()
    assert "chat.example.test" in page.content.decode()


def test_a_request_goes_to_the_queue_and_the_lead_answers_it(ticket, engineer, lead):
    sent = _as(engineer).post(f"/desk/success/requests/new/?ticket={ticket.pk}", REQUEST)
    row = SupportRequest.objects.get()
    assert sent["Location"] == f"/desk/success/requests/{row.pk}/"
    assert "Acme Maps" in _as(lead).get("/desk/success/requests/?status=new").content.decode()
    # The requester may read it, not answer it.
    assert (
        _as(engineer).post(f"/desk/success/requests/{row.pk}/", {"status": "done"}).status_code
        == 403
    )
    answered = _as(lead).post(
        f"/desk/success/requests/{row.pk}/", {"status": "declined", "answer": "Not this sprint."}
    )
    assert answered.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.answer, row.decided_by) == ("declined", "Not this sprint.", lead)


def test_sales_do_not_see_other_accounts_pages(sales, lead, engineer):
    other = make_account("Otherco")
    forms_to_support.add_context(engineer, account=other, **CONTEXT)
    teams.pair(other, lead, ae=None, ce=engineer)
    assert _as(sales).get(f"/desk/success/accounts/{other.pk}/").status_code == 404
    assert "Otherco" not in _as(sales).get("/desk/success/").content.decode()


def test_the_account_page_lists_the_accounts_feedback_and_projects(account, engineer, agent):
    from sunrelay.feedback import services as feedback
    from sunrelay.projects import services as projects

    theme = feedback.create_theme(agent, name="Offline maps")
    feedback.capture(agent, quote="We need maps on the plane.", account=account, theme=theme)
    projects.create_project(
        agent, owner=agent, accounts=[account], themes=[theme],
        name="Offline tiles pilot", objectives="Tiles without a network.", impact=3,
    )  # fmt: skip
    page = _as(engineer).get(f"/desk/success/accounts/{account.pk}/").content.decode()
    assert "We need maps on the plane." in page and "Offline maps" in page
    assert "Offline tiles pilot" in page
    theme_page = _as(agent).get(f"/desk/feedback/themes/{theme.pk}/").content.decode()
    assert "Offline tiles pilot" in theme_page
