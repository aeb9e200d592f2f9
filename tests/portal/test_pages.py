"""The contact's pages: their tickets, a thread without internal notes, replies with files,
downloads, and the account-wide view when the account shares its tickets."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from sunrelay.desk import services
from sunrelay.desk.models import MessageKind, Status
from sunrelay.mail.attachments import add_attachment
from sunrelay.mail.models import Attachment
from tests.factories import make_ticket
from tests.portal.conftest import signed_in


def test_a_contact_reads_the_thread_without_internal_notes(contact, ticket, agent):
    services.reply(ticket, agent, "Which zoom level, please?")
    services.note(ticket, agent, "INTERNAL: customer is on the old tile server")
    browser = signed_in(contact)
    page = browser.get(f"/portal/tickets/{ticket.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Which zoom level, please?" in html and "Help, please." in html
    assert "INTERNAL" not in html
    assert "no-store" in page["Cache-Control"]


def test_a_contact_replies_with_a_file_and_the_ticket_opens_again(contact, ticket, agent):
    services.reply(ticket, agent, "Try again?", status=Status.PENDING)
    browser = signed_in(contact)
    upload = SimpleUploadedFile("trace.txt", b"GET /tiles/14 500", content_type="text/plain")
    response = browser.post(
        f"/portal/tickets/{ticket.pk}/reply/", {"body": "Still blank.", "attachments": [upload]}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    message = ticket.messages.order_by("-id").first()
    assert message.kind == MessageKind.CUSTOMER and message.author_contact == contact
    file = Attachment.objects.get(message=message)
    assert bytes(file.data) == b"GET /tiles/14 500"
    page = browser.get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "trace.txt" in page
    download = browser.get(f"/portal/files/{file.pk}/")
    assert download.status_code == 200 and b"".join(download) == b"GET /tiles/14 500"
    assert "attachment" in download["Content-Disposition"]


def test_an_empty_reply_is_refused_and_the_text_is_kept(contact, ticket):
    browser = signed_in(contact)
    response = browser.post(f"/portal/tickets/{ticket.pk}/reply/", {"body": "  "})
    assert response.status_code == 422
    assert "The message is empty." in response.content.decode()


def test_files_over_the_mail_limit_are_refused(contact, ticket, settings):
    settings.MAIL_MAX_ATTACHMENT_BYTES = 10
    browser = signed_in(contact)
    upload = SimpleUploadedFile("big.bin", b"x" * 11)
    response = browser.post(
        f"/portal/tickets/{ticket.pk}/reply/", {"body": "See file", "attachments": [upload]}
    )
    assert response.status_code == 422
    assert "at most 10" in response.content.decode()
    assert ticket.messages.count() == 1  # nothing was stored


def test_a_closed_ticket_offers_a_new_request_instead(contact, ticket, agent):
    services.update_ticket(ticket, agent, cause="question", status=Status.SOLVED)
    services.update_ticket(ticket, agent, status=Status.CLOSED)
    browser = signed_in(contact)
    page = browser.get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "This request is closed" in page and 'action="/portal/tickets/' not in page
    refused = browser.post(f"/portal/tickets/{ticket.pk}/reply/", {"body": "Again"})
    assert refused.status_code == 422 and "is closed" in refused.content.decode()


def test_the_account_may_share_its_tickets_with_all_its_contacts(
    contact, colleague, ticket, account
):
    theirs = make_ticket(colleague, subject="Cora's geocoder question")
    browser = signed_in(contact)
    assert "Cora&#x27;s geocoder" not in browser.get("/portal/").content.decode()
    assert browser.get(f"/portal/tickets/{theirs.pk}/").status_code == 404
    account.portal_shares_tickets = True
    account.save()
    home = browser.get("/portal/").content.decode()
    assert "Cora&#x27;s geocoder" in home and "Requests of Acme Maps" in home
    assert browser.get(f"/portal/tickets/{theirs.pk}/").status_code == 200
    response = browser.post(f"/portal/tickets/{theirs.pk}/reply/", {"body": "Same here."})
    assert response.status_code == 302
    assert theirs.messages.order_by("-id").first().author_contact == contact


def test_the_ticket_list_costs_a_fixed_number_of_queries(
    contact, colleague, account, django_assert_max_num_queries
):
    account.portal_shares_tickets = True
    account.save()
    for n in range(8):
        make_ticket(contact if n % 2 else colleague, subject=f"Question {n}")
    browser = signed_in(contact)
    with django_assert_max_num_queries(6):
        assert browser.get("/portal/").status_code == 200


def test_files_of_internal_notes_are_never_served(contact, ticket, agent):
    note = services.note(ticket, agent, "internal analysis")
    hidden = add_attachment(note, "analysis.txt", "text/plain", b"secret")
    browser = signed_in(contact)
    assert browser.get(f"/portal/files/{hidden.pk}/").status_code == 404
    assert "analysis.txt" not in browser.get(f"/portal/tickets/{ticket.pk}/").content.decode()
