"""One stranger's mail copying hundreds of people must not make every reply go to all of
them: replies copy at most SUNRELAY_MAX_CC of the ticket's CCs (the rest stay recorded on the
ticket), and the automatic acknowledgement goes to the sender alone."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from sunrelay.desk import services
from sunrelay.desk.models import Ticket
from sunrelay.lib import worker
from sunrelay.mail import intake
from sunrelay.mail.models import Outbox, OutboxKind, OutboxState, Source


def crowd_mail(copied: int) -> bytes:
    ccs = ", ".join(f"person{n:03d}@crowd.test" for n in range(copied))
    return (
        "From: Stranger <stranger@crowd.test>\r\n"
        "To: support@sunrelay.localhost\r\n"
        f"Cc: {ccs}\r\n"
        "Subject: Tiles are blank for all of us\r\n"
        "Message-ID: <crowd-1@crowd.test>\r\n"
        "Date: Mon, 07 Dec 2026 09:00:00 +0000\r\n"
        "\r\n"
        "Nothing renders.\r\n"
    ).encode()


@pytest.fixture
def crowded(settings, db, smtp_sink):
    settings.MAIL_ACKNOWLEDGE = True
    result = intake.receive(crowd_mail(300), source=Source.SMTP)
    return Ticket.objects.get(pk=result.ticket_id)


def test_every_copied_address_is_recorded_on_the_ticket(crowded):
    assert crowded.ccs.count() == 300


def test_the_acknowledgement_goes_to_the_sender_only(crowded, smtp_sink):
    ack = Outbox.objects.get(kind=OutboxKind.ACKNOWLEDGEMENT)
    assert (ack.to, ack.cc) == (["stranger@crowd.test"], [])
    worker.run_until_idle(["mail.send_outbox"])
    assert [e.rcpt_tos for e in smtp_sink.envelopes] == [["stranger@crowd.test"]]
    sent = message_from_bytes(smtp_sink.envelopes[0].content, policy=policy.default)
    assert "Cc" not in sent


def test_a_reply_copies_at_most_the_configured_number(crowded, agent, smtp_sink, settings):
    assert settings.MAIL_MAX_CC == 20
    Outbox.objects.all().delete()  # the acknowledgement is not what this test is about
    services.reply(crowded, agent, "Which browser do you all use?")
    row = Outbox.objects.get()
    assert row.to == ["stranger@crowd.test"]
    assert row.cc == [f"person{n:03d}@crowd.test" for n in range(20)]
    assert row.not_copied == [f"person{n:03d}@crowd.test" for n in range(20, 300)]
    worker.run_until_idle(["mail.send_outbox"])
    [envelope] = smtp_sink.envelopes
    assert len(envelope.rcpt_tos) == 21
    assert Outbox.objects.get().state == OutboxState.SENT


def test_the_cap_is_a_setting(settings, agent, db, smtp_sink):
    settings.MAIL_MAX_CC = 2
    result = intake.receive(crowd_mail(5), source=Source.IMPORT)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    services.reply(ticket, agent, "Hello all")
    row = Outbox.objects.get()
    assert row.cc == ["person000@crowd.test", "person001@crowd.test"]
    assert len(row.not_copied) == 3


def test_the_ticket_page_says_who_was_not_copied(client, crowded, agent):
    reply = services.reply(crowded, agent, "Which browser do you all use?")
    client.force_login(agent)
    page = client.get(f"/desk/tickets/{crowded.pk}/").content.decode()
    assert "280 more people copied on the ticket were not copied" in page
    assert reply.pk
