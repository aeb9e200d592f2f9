"""Public replies go out through the durable outbox to a real SMTP server (an aiosmtpd sink)."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.models import EventKind, Status, Ticket
from sunrelay.mail import intake, outbox
from sunrelay.mail.attachments import add_attachment
from sunrelay.mail.models import Outbox, OutboxState, Source
from sunrelay.mail.ticketpage import deliveries_by_message
from tests.mail.conftest import corpus


@pytest.fixture
def mailed_ticket(db, contact):
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    return Ticket.objects.get(pk=result.ticket_id)


def sent_messages(sink):
    return [
        message_from_bytes(e.original_content or e.content, policy=policy.default)
        for e in sink.envelopes
    ]


def test_a_public_reply_queues_one_email_in_the_same_transaction(agent, mailed_ticket):
    message = services.reply(mailed_ticket, agent, "Could you send the style JSON?")
    row = Outbox.objects.get()
    assert row.desk_message == message and row.state == OutboxState.QUEUED
    assert row.to == ["carla@acme.test"]


def test_an_internal_note_is_never_queued(agent, mailed_ticket):
    services.note(mailed_ticket, agent, "Legacy plan; do not mention v4.")
    assert not Outbox.objects.exists()
    assert outbox.enqueue_reply(mailed_ticket.messages.last()) is None


def test_a_refused_reply_leaves_no_email_behind(agent, mailed_ticket):
    with pytest.raises(ValidationError):
        services.reply(mailed_ticket, agent, "Fixed!", status=Status.SOLVED)  # no cause: refused
    assert not Outbox.objects.exists()


def test_it_sends_a_reply_that_keeps_the_customers_thread(agent, mailed_ticket, smtp_sink):
    services.reply(mailed_ticket, agent, "Could you send the style JSON?")
    assert outbox.send_one() is True
    [sent] = sent_messages(smtp_sink)
    row = Outbox.objects.get()
    assert row.state == OutboxState.SENT and row.sent_at is not None
    assert smtp_sink.envelopes[0].mail_from == "support@sunrelay.localhost"
    assert smtp_sink.envelopes[0].rcpt_tos == ["carla@acme.test"]
    assert sent["From"].addresses[0].addr_spec == "support@sunrelay.localhost"
    assert sent["Message-ID"] == f"<{row.message_id}>"
    assert sent["In-Reply-To"] == "<CAF001.plain@mail.acme.test>"
    assert "<CAF001.plain@mail.acme.test>" in sent["References"]
    assert sent["Subject"] == f"Re: Tiles render blank at zoom 14 [#{mailed_ticket.pk}]"
    assert sent.get_body(("plain",)).get_content().strip() == "Could you send the style JSON?"
    assert "<p>Could you send the style JSON?</p>" in sent.get_body(("html",)).get_content()
    assert "Auto-Submitted" not in sent


def test_the_customers_answer_to_our_reply_threads_back(agent, mailed_ticket, smtp_sink):
    services.reply(mailed_ticket, agent, "Which browser?")
    outbox.send_one()
    [sent] = sent_messages(smtp_sink)
    answer = (
        f"From: carla@acme.test\r\nTo: support@sunrelay.localhost\r\nSubject: Re: {sent['Subject']}\r\n"
        f"Message-ID: <answer-1@acme.test>\r\nIn-Reply-To: {sent['Message-ID']}\r\n\r\nChrome.\r\n"
    ).encode()
    result = intake.receive(answer, source=Source.SMTP)
    assert (result.outcome, result.ticket_id) == ("threaded", mailed_ticket.pk)


def test_replies_go_to_ccs_and_carry_attachments(agent, contact, smtp_sink):
    result = intake.receive(corpus("042-cc-new-ticket.eml"), source=Source.IMPORT)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    from django.db import transaction

    with transaction.atomic():
        message = services.reply(ticket, agent, "Logs attached.")
        add_attachment(message, "server log.txt", "text/plain", b"GET /tiles 500\n")
    outbox.send_one()
    [sent] = sent_messages(smtp_sink)
    assert sorted(smtp_sink.envelopes[0].rcpt_tos) == ["bob@acme.test", "carla@acme.test"]
    assert sent["Cc"] == "bob@acme.test"
    [attachment] = list(sent.iter_attachments())
    assert attachment.get_filename() == "server log.txt"
    assert attachment.get_content() == "GET /tiles 500\n"


def test_a_temporary_failure_is_retried_with_growing_pauses(agent, mailed_ticket, smtp_sink):
    services.reply(mailed_ticket, agent, "Retry me")
    smtp_sink.answer = "451 4.3.0 Try again later"
    outbox.send_one()
    row = Outbox.objects.get()
    assert (row.state, row.attempts) == (OutboxState.QUEUED, 1)
    assert "451" in row.last_error
    assert row.next_attempt_at > timezone.now()
    assert outbox.send_one() is False  # not due yet
    with time_machine.travel(row.next_attempt_at + outbox.backoff(1)):
        outbox.send_one()
        row.refresh_from_db()
        assert row.attempts == 2
        smtp_sink.answer = "250 OK"
        with time_machine.travel(row.next_attempt_at):
            outbox.send_one()
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
    assert len(smtp_sink.envelopes) == 1
    assert outbox.backoff(1) < outbox.backoff(2) < outbox.backoff(3)


def test_a_permanent_failure_is_shown_on_the_ticket(agent, mailed_ticket, smtp_sink):
    message = services.reply(mailed_ticket, agent, "Doomed")
    smtp_sink.answer = "554 5.7.1 Message rejected as spam"
    outbox.send_one()
    row = Outbox.objects.get()
    assert row.state == OutboxState.FAILED and row.attempts == 1
    event = mailed_ticket.events.get(kind=EventKind.DELIVERY_FAILED)
    assert event.message == message and "554" in event.new["reason"]
    assert deliveries_by_message(mailed_ticket)[message.pk].state == OutboxState.FAILED


def test_a_refused_recipient_is_a_permanent_failure(agent, mailed_ticket, smtp_sink):
    smtp_sink.rcpt_answers["carla@acme.test"] = "550 5.1.1 No such user"
    services.reply(mailed_ticket, agent, "Hello?")
    outbox.send_one()
    assert Outbox.objects.get().state == OutboxState.FAILED
    assert mailed_ticket.events.filter(kind=EventKind.DELIVERY_FAILED).count() == 1


def test_it_gives_up_after_the_configured_number_of_attempts(settings, agent, mailed_ticket):
    settings.MAIL_RELAY_HOST = "127.0.0.1"
    settings.MAIL_RELAY_PORT = 9  # discard port: nothing listens, the connection is refused
    settings.MAIL_RELAY_TLS = "none"
    settings.MAIL_OUTBOX_MAX_ATTEMPTS = 3
    services.reply(mailed_ticket, agent, "Nobody home")
    for _ in range(3):
        row = Outbox.objects.get()
        with time_machine.travel(row.next_attempt_at):
            outbox.send_one()
    row = Outbox.objects.get()
    assert (row.state, row.attempts) == (OutboxState.FAILED, 3)
    assert "Gave up after 3 attempts" in row.last_error
    assert mailed_ticket.events.filter(kind=EventKind.DELIVERY_FAILED).count() == 1


def test_a_claim_left_by_a_killed_worker_expires_and_the_row_is_sent_once(
    agent, mailed_ticket, smtp_sink, settings
):
    services.reply(mailed_ticket, agent, "Sent after a crash")
    row, _token = outbox.claim()  # a worker took it ... and was killed before sending
    assert outbox.send_one() is False  # its claim still holds
    lease = timedelta(seconds=settings.MAIL_OUTBOX_LEASE_SECONDS)
    with time_machine.travel(timezone.now() + lease + outbox.BACKOFF_FIRST):
        assert outbox.send_one() is True
        assert outbox.send_one() is False
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.SENT, 2)
    assert len(smtp_sink.envelopes) == 1


def test_the_outbox_lease_is_the_configured_one(agent, mailed_ticket, smtp_sink, settings):
    settings.MAIL_OUTBOX_LEASE_SECONDS = 45
    services.reply(mailed_ticket, agent, "Sent after a short lease")
    outbox.claim()  # a worker took it ... and was killed before sending
    claimed = timezone.now()
    with time_machine.travel(claimed + timedelta(seconds=44), tick=False):
        assert outbox.send_one() is False
    with time_machine.travel(claimed + timedelta(seconds=46), tick=False):
        assert outbox.send_one() is True
    assert Outbox.objects.get().state == OutboxState.SENT
    assert len(smtp_sink.envelopes) == 1


def test_a_worker_whose_claim_was_taken_over_does_not_mark_it_again(
    agent, mailed_ticket, smtp_sink, settings
):
    services.reply(mailed_ticket, agent, "Slow worker")
    row, old_token = outbox.claim()
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.MAIL_OUTBOX_LEASE_SECONDS * 2)
    ):
        outbox.send_one()  # the second worker sends and marks it
    outbox._sent(row, old_token, {})  # the first worker wakes up: nothing changes
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
    assert Outbox.objects.filter(state=OutboxState.SENT).count() == 1


def test_without_a_relay_replies_are_written_as_files(agent, mailed_ticket, mail_out_dir):
    services.reply(mailed_ticket, agent, "Written to disk")
    outbox.send_one()
    [path] = list(mail_out_dir.iterdir())
    assert b"Written to disk" in path.read_bytes()
    assert Outbox.objects.get().state == OutboxState.SENT


def test_backdated_replies_are_recorded_but_not_mailed(agent, mailed_ticket):
    services.reply(
        mailed_ticket, agent, "From the old system", at=timezone.now() - outbox.BACKDATED * 2
    )
    with outbox.suppressed():
        services.reply(mailed_ticket, agent, "Imported history")
    assert not Outbox.objects.exists()


def test_an_acknowledgement_is_auto_submitted(settings, contact, smtp_sink):
    settings.MAIL_ACKNOWLEDGE = True
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    outbox.send_one()
    [sent] = sent_messages(smtp_sink)
    assert sent["Auto-Submitted"] == "auto-replied"
    assert f"[#{result.ticket_id}]" in sent["Subject"]
    assert sent["In-Reply-To"] == "<CAF001.plain@mail.acme.test>"


def test_no_acknowledgement_for_automatic_mail_or_imports(settings, agent, contact):
    settings.MAIL_ACKNOWLEDGE = True
    intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    intake.receive(corpus("023-precedence-junk-unmatched.eml"), source=Source.SMTP)
    assert not Outbox.objects.exists()


def test_a_failed_mail_without_a_ticket_is_shown_in_the_outbox_only(db, smtp_sink):
    from sunrelay.mail.models import OutboxKind
    from sunrelay.mail.notify import enqueue_mail

    enqueue_mail(OutboxKind.NOTIFICATION, ["oncall@sunrelay.test"], "Urgent", "Look")
    smtp_sink.answer = "550 5.1.1 no such user"
    outbox.send_one()
    assert Outbox.objects.get().state == OutboxState.FAILED


def _reply_with_a_broken_file(ticket, agent, body):
    """A reply whose file carries a content type with a line break, stored before the type
    was checked where it comes in: composing its e-mail raises."""
    from django.db import transaction

    from sunrelay.mail.models import Attachment

    with transaction.atomic():
        message = services.reply(ticket, agent, body)
        Attachment.objects.create(
            message=message,
            filename="notes.txt",
            content_type="text/plain\r\nBcc: everyone@example.test",
            size=2,
            sha256="0" * 64,
            data=b"hi",
        )
    return message


def test_a_row_that_cannot_be_built_fails_in_words_and_the_next_one_is_sent(
    agent, mailed_ticket, smtp_sink
):
    from sunrelay.lib import worker

    broken = _reply_with_a_broken_file(mailed_ticket, agent, "Notes attached.")
    good = services.reply(mailed_ticket, agent, "Could you send the style JSON?")
    worker.run_until_idle(["mail.send_outbox"])
    bad_row = Outbox.objects.get(desk_message=broken)
    good_row = Outbox.objects.get(desk_message=good)
    assert good_row.state == OutboxState.SENT
    assert [e.rcpt_tos for e in smtp_sink.envelopes] == [["carla@acme.test"]]
    assert bad_row.state == OutboxState.FAILED and bad_row.claim_token == ""
    assert bad_row.last_error.startswith("This e-mail could not be put together")
    assert "line break" in bad_row.last_error or "linefeed" in bad_row.last_error
    event = mailed_ticket.events.get(kind=EventKind.DELIVERY_FAILED)
    assert event.message == broken and "could not be put together" in event.new["reason"]


def test_an_unexpected_error_while_sending_is_retried_then_fails_in_words(
    agent, mailed_ticket, smtp_sink, settings, monkeypatch
):
    settings.MAIL_OUTBOX_MAX_ATTEMPTS = 2

    def broken_relay():
        raise RuntimeError("the relay library fell over")

    monkeypatch.setattr(outbox, "_connect", broken_relay)
    services.reply(mailed_ticket, agent, "Nobody home")
    assert outbox.send_one() is True
    row = Outbox.objects.get()
    assert (row.state, row.attempts) == (OutboxState.QUEUED, 1)
    assert "the relay library fell over" in row.last_error
    with time_machine.travel(row.next_attempt_at):
        assert outbox.send_one() is True
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.FAILED, 2)
    assert "Gave up after 2 attempts" in row.last_error
    assert "the relay library fell over" in row.last_error


def test_a_subject_stored_before_it_was_checked_goes_out_on_one_line(
    agent, mailed_ticket, smtp_sink
):
    from sunrelay.lib import worker
    from sunrelay.mail.models import OutboxKind
    from sunrelay.mail.notify import enqueue_mail

    Ticket.objects.filter(pk=mailed_ticket.pk).update(subject="Tiles\r\nBcc: all@example.test")
    mailed_ticket.refresh_from_db()
    services.reply(mailed_ticket, agent, "Which browser?")
    page = f"[Page] #{mailed_ticket.pk} {mailed_ticket.subject}"
    enqueue_mail(
        OutboxKind.NOTIFICATION, ["oncall@sunrelay.test"], page, "Look", ticket=mailed_ticket
    )
    worker.run_until_idle(["mail.send_outbox"])
    assert set(Outbox.objects.values_list("state", flat=True)) == {OutboxState.SENT}
    subjects = sorted(m["Subject"] for m in sent_messages(smtp_sink))
    assert subjects == [
        f"Re: Tiles Bcc: all@example.test [#{mailed_ticket.pk}]",
        f"[Page] #{mailed_ticket.pk} Tiles Bcc: all@example.test",
    ]
    assert all("all@example.test" not in e.rcpt_tos for e in smtp_sink.envelopes)
