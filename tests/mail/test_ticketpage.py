"""The plain functions the ticket page calls to show mail details."""

from __future__ import annotations

import pytest

from sunrelay.desk import services
from sunrelay.desk.html import sanitize
from sunrelay.desk.models import Message, Ticket
from sunrelay.mail import intake
from sunrelay.mail.htmlfold import split_quoted
from sunrelay.mail.models import Source
from sunrelay.mail.ticketpage import (
    attachments_by_message,
    deliveries_by_message,
    html_with_inline_images,
    quote_fold,
)
from tests.mail.conftest import corpus


def test_inline_images_point_at_their_download_links(db, contact):
    result = intake.receive(corpus("019-inline-image.eml"), source=Source.IMPORT)
    message = Message.objects.get(pk=result.message_pk)
    files = attachments_by_message(message.ticket)
    [link] = files[message.pk]
    assert link.inline and link.filename == "screenshot.png"
    html = html_with_inline_images(message, files[message.pk])
    assert f'src="{link.url}"' in html and "cid:" not in html
    # The page sanitises the result again: the relative URL survives it.
    assert f'src="{link.url}"' in sanitize(html)


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


def test_deliveries_leave_out_notes_and_give_replies_a_state(db, agent, contact):
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    note = services.note(ticket, agent, "internal")
    reply = services.reply(ticket, agent, "public")
    deliveries = deliveries_by_message(ticket)
    assert note.pk not in deliveries
    delivery = deliveries[reply.pk]
    assert (delivery.state, delivery.key, delivery.recipients) == (
        "queued",
        "queued",
        ["carla@acme.test"],
    )
    assert not delivery.permanent_failure


@pytest.mark.parametrize(
    ("name", "shown", "hidden"),
    [
        ("004-reply-gmail.eml", "only happens in Chrome", "Here is the style JSON"),
        ("003-reply-outlook.eml", "after the 4.2 upgrade", "Could you send the style JSON"),
    ],
)
def test_html_mail_folds_its_quoted_tail_between_siblings(db, contact, name, shown, hidden):
    intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    message = Message.objects.get(pk=intake.receive(corpus(name), source=Source.IMPORT).message_pk)
    html = sanitize(message.body_html)
    before, quoted, after = split_quoted(html, quote_fold(message).folded)
    assert before + quoted + after == html
    assert shown in before and hidden in quoted and hidden not in before + after
    # Both ends are sibling boundaries: the quoted part is balanced HTML on its own.
    assert sanitize(quoted) == quoted


def test_html_folding_gives_up_rather_than_guess():
    assert split_quoted("<p>Thanks<br>On Monday Ann wrote:</p>", "On Monday Ann wrote:") is None
    assert split_quoted("<p>Thanks</p>", "On Monday Ann wrote:\n> hi") is None
    assert split_quoted("<p>Thanks</p></div>", "Thanks") is None  # not well formed
    assert split_quoted("Thanks<br>-- <br>Alba", "-- \nAlba") == ("Thanks<br>", "-- <br>Alba", "")
