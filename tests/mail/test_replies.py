"""Files on a public reply: stored with it, mailed with it, refused in place when too big."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.mail import compose, intake
from sunrelay.mail.models import Attachment, Outbox, Source
from tests.mail.conftest import corpus

HTMX = {"HX-Request": "true"}


@pytest.fixture
def mailed(db, contact) -> Ticket:
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    return Ticket.objects.get(pk=result.ticket_id)


def post(client, ticket, action, data, **kw):
    return client.post(f"/desk/tickets/{ticket.pk}/{action}/", data, **kw)


def upload(name="style.json", data=b'{"zoom": 14}', content_type="application/json"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_reply_carries_its_files_in_the_outgoing_mail(client, agent, mailed):
    client.force_login(agent)
    files = [upload(), upload("tile.png", b"\x89PNG fake", "image/png")]
    response = post(client, mailed, "reply", {"body": "Both attached.", "attachments": files})
    assert response.status_code == 302
    reply = mailed.messages.get(kind=MessageKind.REPLY)
    stored = list(Attachment.objects.filter(message=reply).values_list("filename", "size"))
    assert stored == [("style.json", 12), ("tile.png", 9)]
    sent = compose.build(Outbox.objects.get(desk_message=reply))
    attached = {a.get_filename(): a.get_content() for a in sent.iter_attachments()}
    assert attached == {"style.json": b'{"zoom": 14}', "tile.png": b"\x89PNG fake"}
    assert "style.json" in client.get(f"/desk/tickets/{mailed.pk}/").content.decode()


def test_files_over_the_limit_are_refused_in_place_and_the_text_is_kept(
    client, agent, mailed, settings
):
    settings.MAIL_MAX_ATTACHMENT_BYTES = 10
    client.force_login(agent)
    data = {"body": "Here is the style.", "attachments": [upload()]}
    response = post(client, mailed, "reply", data, headers=HTMX)
    assert response.status_code == 422 and response["HX-Retarget"] == "#reply-form"
    html = response.content.decode()
    assert "The files add up to 12\xa0bytes; a reply may carry at most 10\xa0bytes" in html
    assert ">Here is the style.</textarea>" in html and "choose them again" in html
    assert not mailed.messages.filter(kind=MessageKind.REPLY).exists()
    assert not Attachment.objects.exists() and not Outbox.objects.exists()
    no_js = post(client, mailed, "reply", {"body": "Again.", "attachments": [upload()]})
    assert no_js.status_code == 422 and "a reply may carry at most" in no_js.content.decode()


def test_a_reply_refused_for_another_reason_stores_no_file(client, agent, mailed):
    client.force_login(agent)
    data = {"body": "Fixed!", "status": "solved", "attachments": [upload()]}
    assert post(client, mailed, "reply", data, headers=HTMX).status_code == 422
    assert not Attachment.objects.exists()


def test_internal_notes_take_no_files(client, agent, mailed):
    client.force_login(agent)
    post(client, mailed, "note", {"body": "See log.", "attachments": [upload()]}, headers=HTMX)
    note = Message.objects.get(kind=MessageKind.NOTE)
    assert not Attachment.objects.filter(message=note).exists()
