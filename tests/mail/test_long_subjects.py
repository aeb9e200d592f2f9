"""Subjects are kept whole, in the ticket and in our replies; only displays shorten them."""

from __future__ import annotations

import json
import re
from email import message_from_bytes, policy

from sunrelay.desk import services
from sunrelay.desk.models import Ticket
from sunrelay.mail import intake, outbox
from sunrelay.mail.models import RawMessage, RawState, Source
from tests.mail.conftest import DATA, corpus

LONG = "061-long-folded-subject.eml"
SUBJECT = next(
    e["subject"] for e in json.loads((DATA / "expected.json").read_text()) if e["file"] == LONG
)


def test_a_600_character_folded_subject_arrives_whole_on_the_ticket_and_in_the_reply(
    db, agent, smtp_sink
):
    assert len(SUBJECT) == 600
    result = intake.receive(corpus(LONG), source=Source.SMTP)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    assert ticket.subject == SUBJECT
    services.reply(ticket, agent, "We are looking into it.")
    assert outbox.send_one() is True
    data = smtp_sink.envelopes[0].original_content or smtp_sink.envelopes[0].content
    sent = message_from_bytes(data, policy=policy.default)
    assert sent["Subject"] == f"Re: {SUBJECT} [#{ticket.pk}]"
    head = data.split(b"\r\n\r\n", 1)[0]
    folded = re.search(rb"^Subject:.*?(?=\r\n\S)", head, re.M | re.S).group(0)
    assert folded.count(b"\r\n") >= 6  # folded by the e-mail policy, never cut
    assert max(len(line) for line in head.split(b"\r\n")) <= 78


def test_a_long_subject_is_shortened_on_the_pages_that_list_it(client, agent, contact):
    ticket = services.create_ticket(
        services.NewTicket(requester=contact, subject=SUBJECT, body="See the subject."),
        actor=None,
    ).ticket
    client.force_login(agent)
    shown = SUBJECT[:100]
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert heading.startswith(shown) and heading.endswith("…") and len(heading) <= 120
    assert f"<p>{SUBJECT}</p>" in page  # whole, under "Whole subject"
    queue = client.get("/desk/queues/open/").content.decode()
    link = re.search(rf'<a href="[^"]*/{ticket.pk}/"[^>]*>(.*?)</a>', queue, re.S).group(1)
    assert link.startswith(shown) and link.endswith("…")


def test_a_long_subject_is_shortened_in_the_quarantine_list(client, agent):
    raw = corpus(LONG).replace(b"From: Carla Customer <carla@acme.test>\n", b"From: nobody\n")
    intake.receive(raw, source=Source.SMTP)
    row = RawMessage.objects.get(state=RawState.QUARANTINED)
    assert row.subject == SUBJECT
    client.force_login(agent)
    listing = client.get("/mail/quarantine/").content.decode()
    link = re.search(rf'<a href="/mail/quarantine/{row.pk}/"[^>]*>(.*?)</a>', listing).group(1)
    assert link.endswith("…") and len(link) <= 120
    detail = client.get(f"/mail/quarantine/{row.pk}/").content.decode()
    assert f"<dd>{SUBJECT}</dd>" in detail
