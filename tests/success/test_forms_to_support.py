"""The support context note and the support request: who may send them, what they hold,
that customers never see a context note, and that the requester hears of each change."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.mail.models import Outbox
from sunrelay.success import access, forms_to_support
from sunrelay.success.models import ContextNote, RequestStatus
from tests.factories import make_account, make_contact, make_ticket

CONTEXT = {
    "customer_name": "Acme Maps",
    "issue_link": "https://chat.example.test/archives/C1/p1",
    "background": "They migrate 40k layers this week; tiles matter most at zoom 14.",
}
REQUEST = {
    "customer_name": "Acme Maps",
    "issue_link": "#4211",
    "ask": "Give the tile bug to the Response Team this sprint.",
    "why": "Their renewal is in three weeks.",
    "if_not": "They stay on the old renderer and churn risk grows.",
    "timing": "Before the 20th: their board meets then.",
}


def test_a_context_note_lands_on_the_ticket_with_its_account(ticket, engineer):
    note = forms_to_support.add_context(engineer, ticket=ticket, **CONTEXT)
    assert (note.ticket, note.account, note.author) == (ticket, ticket.account, engineer)
    # It is no message of the ticket: nothing the portal or a reply e-mail reads.
    assert not ticket.messages.filter(body_text__contains="40k layers").exists()


def test_a_context_note_can_come_before_any_ticket(account, engineer):
    note = forms_to_support.add_context(engineer, account=account, **CONTEXT)
    assert note.ticket is None and note.account == account


def test_context_fields_are_required_and_refused_in_words(account, engineer):
    with pytest.raises(ValidationError) as refused:
        forms_to_support.add_context(
            engineer, account=account, customer_name=" ", issue_link="x", background=""
        )
    assert set(refused.value.message_dict) == {"customer_name", "background"}
    assert not ContextNote.objects.exists()


def test_sales_give_context_on_their_accounts_only(ticket, sales, outsider):
    assert forms_to_support.add_context(sales, ticket=ticket, **CONTEXT).author == sales
    other = make_ticket(make_contact("O", "o@other.test", account=make_account("Other")))
    with pytest.raises(PermissionDenied):
        forms_to_support.add_context(sales, ticket=other, **CONTEXT)
    with pytest.raises(PermissionDenied):
        forms_to_support.add_context(outsider, ticket=ticket, **CONTEXT)


def test_notes_are_read_by_workers_and_by_sales_on_their_accounts(ticket, engineer, sales, agent):
    mine = forms_to_support.add_context(engineer, ticket=ticket, **CONTEXT)
    other_account = make_account("Other")
    forms_to_support.add_context(engineer, account=other_account, **CONTEXT)
    assert access.visible_notes(agent).count() == 2
    assert list(access.visible_notes(sales)) == [mine]


def test_a_ticket_and_an_account_that_disagree_are_refused(ticket, engineer):
    with pytest.raises(ValidationError) as refused:
        forms_to_support.add_context(
            engineer, ticket=ticket, account=make_account("Other"), **CONTEXT
        )
    assert "another account" in refused.value.message_dict["account"][0]


def test_the_lead_answers_a_request_and_the_requester_hears_of_each_change(ticket, engineer, lead):
    row = forms_to_support.file_request(engineer, ticket=ticket, **REQUEST)
    assert (row.status, row.account, row.requester) == ("new", ticket.account, engineer)
    forms_to_support.decide(row, lead, status=RequestStatus.ACCEPTED, answer="Taken: next sprint.")
    forms_to_support.decide(row, lead, status=RequestStatus.DONE)
    mails = list(Outbox.objects.filter(to=[engineer.email]).order_by("id"))
    assert len(mails) == 2
    assert "marked your support request for Acme Maps accepted" in mails[0].subject
    assert "Taken: next sprint." in mails[0].body_text
    assert f"/desk/success/requests/{row.pk}/" in mails[0].body_text
    assert "done" in mails[1].subject
    with pytest.raises(ValidationError) as refused:
        forms_to_support.decide(row, lead, status=RequestStatus.NEW)
    assert "A done request cannot become new." in refused.value.message_dict["status"]


def test_only_the_lead_decides_and_sales_file_for_their_accounts(ticket, sales, agent, lead):
    row = forms_to_support.file_request(sales, ticket=ticket, **REQUEST)
    with pytest.raises(PermissionDenied):
        forms_to_support.decide(row, agent, status="accepted")
    with pytest.raises(PermissionDenied):
        forms_to_support.file_request(sales, account=make_account("Other"), **REQUEST)
    theirs_without_account = forms_to_support.file_request(sales, **REQUEST)
    assert set(access.visible_requests(sales)) == {row, theirs_without_account}
    forms_to_support.file_request(lead, account=make_account("Other 2"), **REQUEST)
    assert access.visible_requests(agent).count() == 3
    assert access.visible_requests(sales).count() == 2
