"""The e-mail channel on the ticket page: files, folded quotes, delivery states, bounces."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.models import MessageKind, Ticket
from sunrelay.mail import files, intake
from sunrelay.mail.attachments import add_attachment
from sunrelay.mail.models import Attachment, Outbox, OutboxState, Source
from tests.factories import make_ticket
from tests.mail.conftest import corpus

pytestmark = pytest.mark.django_db

QUOTED = "Thanks, that fixed it.\n\nOn Mon, 3 Mar 2025, Support wrote:\n> Clear the tile cache.\n"


def page(client, user, ticket) -> str:
    client.force_login(user)
    response = client.get(f"/desk/tickets/{ticket.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def article(html: str, message) -> str:
    found = re.search(rf'<article [^>]*id="message-{message.pk}">(.*?)</article>', html, re.S)
    assert found, f"message {message.pk} is not on the page"
    return found.group(1)


@pytest.fixture
def mailed(contact) -> Ticket:
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    return Ticket.objects.get(pk=result.ticket_id)


@pytest.fixture
def reply_with_log(agent, mailed):
    reply = services.reply(mailed, agent, "Logs attached.")
    log = add_attachment(reply, "server log.txt", "text/plain", b"GET /tiles 500\n" * 100)
    return reply, log


def test_each_message_lists_its_files_with_download_links(client, agent, reply_with_log):
    reply, log = reply_with_log
    html = article(page(client, agent, reply.ticket), reply)
    assert f'href="/mail/attachments/{log.pk}/"' in html
    assert "server log.txt" in html and "text/plain" in html and "1.5\xa0KB" in html
    download = client.get(f"/mail/attachments/{log.pk}/")
    assert download.status_code == 200 and download.getvalue() == files.content_of(log)
    assert download["Content-Disposition"].startswith("attachment")


def test_people_without_a_role_and_anonymous_visitors_get_no_file(client, outsider, reply_with_log):
    _, log = reply_with_log
    anonymous = client.get(f"/mail/attachments/{log.pk}/")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(f"/mail/attachments/{log.pk}/").status_code == 403


def test_inline_images_show_through_their_sanitised_download_link(client, agent, contact):
    result = intake.receive(corpus("019-inline-image.eml"), source=Source.IMPORT)
    image = Attachment.objects.get(message_id=result.message_pk)
    html = page(client, agent, Ticket.objects.get(pk=result.ticket_id))
    assert f'<img src="/mail/attachments/{image.pk}/" alt="blank tile">' in html
    assert "cid:" not in html


def test_quoted_text_is_folded_into_details_and_kept(client, agent, mailed):
    message = services.receive_customer_message(mailed, mailed.requester, QUOTED)
    html = article(page(client, agent, mailed), message)
    shown, _, folded = html.partition('<details class="quoted"><summary>Show quoted text</summary>')
    assert "Thanks, that fixed it." in shown
    assert "On Mon, 3 Mar 2025, Support wrote:" in folded and "&gt; Clear the tile cache." in folded
    assert "</details>" in folded and "Clear the tile cache" not in shown


def test_quoted_html_is_folded_between_its_elements(client, agent, mailed):
    result = intake.receive(corpus("004-reply-gmail.eml"), source=Source.IMPORT)
    message = mailed.messages.get(pk=result.message_pk)
    html = article(page(client, agent, mailed), message)
    shown, _, folded = html.partition("<details")
    assert "only happens in Chrome" in shown and "Here is the style JSON" in folded


def delivered(reply, **fields):
    Outbox.objects.filter(desk_message=reply).update(**fields)


def test_public_replies_show_their_delivery_state(client, agent, mailed):
    sent, failed, bounced, queued = (
        services.reply(mailed, agent, f"Reply {n}") for n in ("sent", "failed", "bounced", "q")
    )
    delivered(sent, state=OutboxState.SENT, sent_at=timezone.now())
    delivered(failed, state=OutboxState.FAILED, last_error="554 5.7.1 Relay access denied")
    delivered(
        bounced,
        state=OutboxState.SENT,
        sent_at=timezone.now(),
        bounced_at=timezone.now(),
        bounce_reason="5.1.1 User unknown",
    )
    html = page(client, agent, mailed)
    assert "E-mail: Sent</span>" in article(html, sent)
    assert "delivery-problem" not in article(html, sent)
    for reply, reason, label in (
        (failed, "554 5.7.1 Relay access denied", "Failed"),
        (bounced, "5.1.1 User unknown", "Bounced"),
    ):
        shown = article(html, reply)
        assert "delivery-problem" in shown and f"E-mail: {label}</span>" in shown
        assert reason in shown and "carla@acme.test" in shown
    assert "E-mail: Queued</span>" in article(html, queued)


def test_a_bounce_says_who_was_not_reached_and_links_the_reply(client, agent, mailed):
    reply = services.reply(mailed, agent, "Any news?")
    sent_id = Outbox.objects.get(desk_message=reply).message_id
    raw = corpus("027-dsn-bounce-own-reply.eml").replace(
        b"{{SENT:001-new-plain.eml}}", sent_id.encode()
    )
    intake.receive(raw, source=Source.SMTP)
    bounce = mailed.messages.get(kind=MessageKind.BOUNCE)
    shown = article(page(client, agent, mailed), bounce)
    assert "Not delivered" in shown and "<strong>carla@acme.test</strong>" in shown
    assert "5.1.1" in shown and "User unknown" in shown
    assert f'href="#message-{reply.pk}"' in shown


def grow(ticket, agent, rounds: int) -> None:
    """Rounds of everything the thread shows: a quoted answer, a reply with a file, a bounce."""
    for n in range(rounds):
        html = f"<p>Thanks {n}</p><p>On Mon, 3 Mar 2025, Support wrote:</p><blockquote>Old</blockquote>"
        services.receive_customer_message(ticket, ticket.requester, QUOTED, html=html)
        reply = services.reply(ticket, agent, f"Reply {n}")
        add_attachment(reply, f"log-{n}.txt", "text/plain", b"log")
        row = Outbox.objects.get(desk_message=reply)
        services.record_bounce(ticket, "Undeliverable", details={"outbox": row.pk})


def test_the_page_costs_the_same_queries_however_long_the_thread(client, agent, contact):
    short, long = make_ticket(contact, "Short"), make_ticket(contact, "Long")
    grow(short, agent, 1)
    grow(long, agent, 5)
    page(client, agent, short)  # warm-up: session, caches
    counts = []
    for ticket in (short, long):
        with CaptureQueriesContext(connection) as queries:
            html = page(client, agent, ticket)
        counts.append(len(queries))
    assert html.count("Show quoted text") == 5 and html.count("log-4.txt") == 1
    assert counts[0] == counts[1], counts
