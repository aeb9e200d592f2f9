"""The plain functions the ticket page calls to show mail details."""

from __future__ import annotations

from sunrelay.desk import services
from sunrelay.desk.models import Message, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Source
from sunrelay.mail.ticketpage import (
    attachments_by_message,
    html_with_inline_images,
    message_attachments,
    quote_fold,
    reply_delivery,
)
from tests.mail.conftest import corpus


def test_inline_images_point_at_their_download_links(db, contact):
    result = intake.receive(corpus("019-inline-image.eml"), source=Source.IMPORT)
    message = Message.objects.get(pk=result.message_pk)
    [link] = message_attachments(message)
    assert link.inline and link.filename == "screenshot.png"
    html = html_with_inline_images(message)
    assert f'src="{link.url}"' in html and "cid:" not in html
    assert attachments_by_message(message.ticket) == {message.pk: [link]}


def test_quote_fold_keeps_every_character(db, contact):
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    raw = (
        b"From: carla@acme.test\r\nSubject: Re: x\r\nMessage-ID: <q@acme.test>\r\n"
        b"In-Reply-To: <CAF001.plain@mail.acme.test>\r\n\r\nThanks!\r\n\r\n"
        b"On Mon, 3 Mar 2025, Support wrote:\r\n> old text\r\n"
    )
    reply = intake.receive(raw, source=Source.IMPORT)
    message = Message.objects.get(pk=reply.message_pk)
    folded = quote_fold(message)
    assert folded.visible == "Thanks!"
    assert folded.folded.startswith("On Mon, 3 Mar 2025") and "> old text" in folded.folded
    assert message.body_text.startswith(folded.visible)
    assert reply.ticket_id == result.ticket_id


def test_reply_delivery_is_none_for_notes_and_a_state_for_replies(db, agent, contact):
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    note = services.note(ticket, agent, "internal")
    reply = services.reply(ticket, agent, "public")
    assert reply_delivery(note) is None
    delivery = reply_delivery(reply)
    assert (delivery.state, delivery.recipients) == ("queued", ["carla@acme.test"])
