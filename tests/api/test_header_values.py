"""Values that end up in e-mail headers are refused at the door when they could not be sent:
a line break (which would let the writer add headers of their own) or a file type that is not
a MIME type. Nothing of a refused request is kept."""

from __future__ import annotations

import base64

import pytest

from sunrelay.accounts.models import Account, Contact
from sunrelay.desk.models import Message, Ticket
from sunrelay.mail.models import Attachment, Outbox
from tests.api.conftest import locs

HOSTILE = "text/plain\r\nBcc: everyone@example.test"


def _reply(ticket, **attachment):
    item = {
        "filename": "notes.txt",
        "content_base64": base64.b64encode(b"hello").decode(),
        **attachment,
    }
    return {"kind": "reply", "body": "Notes attached.", "attachments": [item]}


@pytest.mark.parametrize(
    "content_type",
    [HOSTILE, "text/plain\n", "text", "text/", "text/plain extra", "text/pl@in", "a/b/c"],
)
def test_a_reply_with_a_file_type_that_is_not_a_mime_type_is_refused(
    as_agent, ticket, content_type
):
    messages = Message.objects.count()
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages", _reply(ticket, content_type=content_type)
    )
    assert response.status_code == 422, response.content
    assert locs(response) == [["body", "attachments"]]
    [detail] = response.json()["detail"]
    assert "notes.txt" in detail["msg"] and "type/subtype" in detail["msg"]
    assert Message.objects.count() == messages
    assert not Outbox.objects.exists() and not Attachment.objects.exists()


def test_a_file_type_is_kept_in_lower_case(as_agent, ticket):
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages", _reply(ticket, content_type="Application/VND.ms-Excel")
    )
    assert response.status_code == 201, response.content
    assert Attachment.objects.get().content_type == "application/vnd.ms-excel"


def test_a_subject_with_a_line_break_is_refused(as_agent, contact, ticket):
    created = as_agent.post(
        "/tickets",
        {"requester_id": contact.pk, "subject": "Tiles\r\nBcc: x@example.test", "body": "Hi"},
    )
    assert created.status_code == 422
    assert locs(created) == [["body", "subject"]]
    assert "line break" in created.json()["detail"][0]["msg"]
    changed = as_agent.patch(f"/tickets/{ticket.pk}", {"subject": "Tiles\nblank"})
    assert changed.status_code == 422
    assert locs(changed) == [["body", "subject"]]
    assert Ticket.objects.get(pk=ticket.pk).subject == "Tiles render blank at zoom 14"


def test_names_with_a_line_break_are_refused(as_agent, contact, account):
    contact_made = as_agent.post("/contacts", {"email": "x@acme.test", "name": "X\r\nBcc: y"})
    assert locs(contact_made) == [["body", "name"]]
    contact_changed = as_agent.patch(f"/contacts/{contact.pk}", {"name": "Carla\nC."})
    assert locs(contact_changed) == [["body", "name"]]
    account_made = as_agent.post("/accounts", {"name": "Globex\u2028Corp"})
    assert locs(account_made) == [["body", "name"]]
    account_changed = as_agent.patch(f"/accounts/{account.pk}", {"name": "Acme\rMaps"})
    assert locs(account_changed) == [["body", "name"]]
    assert Contact.objects.get(pk=contact.pk).name == "Carla Customer"
    assert not Contact.objects.filter(email="x@acme.test").exists()
    assert sorted(Account.objects.values_list("name", flat=True)) == ["Acme Maps"]
