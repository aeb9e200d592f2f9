"""The web form: spam checks, confirmation by e-mail for visitors, at once for signed-in
contacts, product area and urgency, files, framing headers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk.models import Channel, Priority, ProductArea, Ticket
from sunrelay.mail.models import Attachment
from sunrelay.portal import formtoken
from sunrelay.portal.models import FormVisit, RequestFile, WebRequest
from tests.portal.conftest import last_link, mails_to, signed_in


@pytest.fixture
def maps(db):
    return ProductArea.objects.create(name="Maps", slug="maps")


def _fields(client: Client, **overrides) -> dict:
    """The form as a person fills it in, its token drawn a minute ago."""
    with time_machine.travel(timezone.now() - timedelta(minutes=1)):
        page = client.get("/portal/new/").content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    fields = {
        "email": "ana@newcorp.test",
        "name": "Ana Nueva",
        "subject": "Tiles are blank",
        "description": "Since this morning at zoom 14.",
        "urgency": "blocked",
        "website": "",
        "form_token": token,
    }
    fields.update(overrides)
    return fields


def test_a_visitor_confirms_by_email_and_the_ticket_opens(client, maps, account):
    upload = SimpleUploadedFile("shot.png", b"\x89PNG fake", content_type="image/png")
    fields = _fields(client, area=maps.pk, attachments=[upload], email="Ana@ACME.test")
    response = client.post("/portal/new/", fields, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert not Ticket.objects.exists() and not Contact.objects.filter(email__iexact="ana@acme.test")
    waiting = WebRequest.objects.get()
    assert RequestFile.objects.filter(request=waiting).count() == 1

    path = last_link("Ana@acme.test")
    page = client.get(path)  # a mail scanner: nothing happens
    assert page.status_code == 200 and "Open my request" in page.content.decode()
    assert not Ticket.objects.exists()

    opened = client.post(path)
    assert opened.status_code == 200 and "is open" in opened.content.decode()
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.WEB
    assert ticket.priority == Priority.HIGH  # "my work is blocked"
    assert [t.name for t in ticket.tags.all()] == ["maps"]
    assert ticket.requester.email == "ana@acme.test"  # lower case, as mail records senders
    assert ticket.requester.account == account  # placed by its domain, as mail does
    assert ticket.account == account
    first = ticket.messages.get()
    assert first.body_text == "Since this morning at zoom 14."
    assert Attachment.objects.get(message=first).filename == "shot.png"
    assert not RequestFile.objects.exists()
    assert FormVisit.objects.get().ticket == ticket

    # Following the link again answers the same ticket and opens nothing new.
    assert client.post(path).status_code == 200
    assert Ticket.objects.count() == 1


def test_an_unconfirmed_request_expires(client, db):
    client.post("/portal/new/", _fields(client))
    path = last_link("ana@newcorp.test")
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        expired = client.post(path)
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    assert not Ticket.objects.exists()


def test_a_signed_in_contact_opens_a_ticket_at_once(contact, maps):
    browser = signed_in(contact)
    fields = _fields(browser, area=maps.pk, urgency="question")
    del fields["email"], fields["name"]
    response = browser.post("/portal/new/", fields)
    assert response.status_code == 200
    ticket = Ticket.objects.get(subject="Tiles are blank")
    assert f"Request #{ticket.pk} is open" in response.content.decode()
    assert ticket.requester == contact and ticket.priority == Priority.LOW
    assert not WebRequest.objects.exists()
    assert not mails_to(contact.email)[1:]  # only the sign-in link went out


def test_a_form_drawn_before_signing_in_still_confirms_by_email(client, contact):
    fields = _fields(client, email="carla@acme.test")
    signed_in(contact, client)
    response = client.post("/portal/new/", fields)
    assert "Check your e-mail" in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_honeypot_refuses_and_keeps_the_text(client, db):
    response = client.post("/portal/new/", _fields(client, website="http://spam.test"))
    html = response.content.decode()
    assert response.status_code == 422 and "spam robots" in html
    assert "Since this morning at zoom 14." in html
    assert not WebRequest.objects.exists() and not mails_to("ana@newcorp.test")


def test_a_form_sent_faster_than_a_person_types_is_refused(client, db):
    page = client.get("/portal/new/").content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    fields = {**_fields(client), "form_token": token}
    response = client.post("/portal/new/", fields)
    assert response.status_code == 422 and "faster than a person" in response.content.decode()
    assert not WebRequest.objects.exists()


def test_a_damaged_or_stale_token_is_refused_and_redrawn(client, db):
    fields = _fields(client, form_token="forged")
    response = client.post("/portal/new/", fields)
    html = response.content.decode()
    assert response.status_code == 422 and "damaged" in html
    token = html.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    assert formtoken.read(token)  # a fresh one, for the next try
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        old = formtoken.issue()
    response = client.post("/portal/new/", {**fields, "form_token": old})
    assert response.status_code == 422 and "more than a day ago" in response.content.decode()


def test_the_same_form_is_not_sent_twice(client, db):
    fields = _fields(client)
    assert client.post("/portal/new/", fields).status_code == 200
    again = client.post("/portal/new/", fields)
    assert again.status_code == 422 and "sent already" in again.content.decode()
    assert WebRequest.objects.count() == 1


def test_requests_are_rate_limited_per_address_and_network(client, db, settings):
    settings.PORTAL_LIMIT_PER_ADDRESS = 1
    settings.PORTAL_LIMIT_PER_IP = 2
    ok = client.post("/portal/new/", _fields(client), REMOTE_ADDR="198.51.100.4")
    assert ok.status_code == 200
    same_address = client.post("/portal/new/", _fields(client), REMOTE_ADDR="198.51.100.5")
    assert same_address.status_code == 429
    assert "Since this morning at zoom 14." in same_address.content.decode()  # text kept
    other = _fields(client, email="bo@newcorp.test")
    assert client.post("/portal/new/", other, REMOTE_ADDR="198.51.100.4").status_code == 200
    third = _fields(client, email="cy@newcorp.test")
    assert client.post("/portal/new/", third, REMOTE_ADDR="198.51.100.4").status_code == 429
    assert WebRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"email": "not-an-address"}, "email", "Give the e-mail address"),
        ({"subject": ""}, "subject", "subject"),
        ({"description": " "}, "description", "The message is empty."),
        ({"urgency": "whenever"}, "urgency", "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_on_its_field(client, db, change, field, words):
    response = client.post("/portal/new/", _fields(client, **change))
    assert response.status_code == 422
    assert words.lower() in response.content.decode().lower()
    assert not WebRequest.objects.exists()


def test_only_the_form_may_be_framed_by_the_allowed_origins(client, db, settings):
    settings.PORTAL_FRAME_ANCESTORS = ["https://www.example.com"]
    form = client.get("/portal/new/?embed=1")
    assert "X-Frame-Options" not in form
    assert form["Content-Security-Policy"] == "frame-ancestors 'self' https://www.example.com"
    assert 'class="topbar' not in form.content.decode()  # embedded: the form alone
    for path in ("/portal/sign-in/", "/help/", "/login/"):
        assert client.get(path)["X-Frame-Options"] == "DENY", path


def test_the_form_needs_no_csrf_cookie(db):
    # Inside another site's iframe our cookies are withheld: the form must still work.
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/portal/new/", _fields(browser)).status_code == 200
    assert WebRequest.objects.count() == 1


def test_our_own_address_is_not_a_senders(client, db, settings):
    settings.MAIL_SUPPORT_ADDRESSES = ["support@sunrelay.test"]
    response = client.post("/portal/new/", _fields(client, email="Support@sunrelay.test"))
    assert response.status_code == 422 and "our own address" in response.content.decode()
