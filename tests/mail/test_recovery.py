"""A crash between storing raw mail and processing it loses nothing: the worker finishes it."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from sunrelay.desk.models import Ticket
from sunrelay.lib import worker
from sunrelay.mail import intake
from sunrelay.mail.models import Outcome, RawMessage, RawState, Source
from tests.mail.conftest import corpus


def test_it_recovers_mail_stored_by_a_process_that_died(db, contact, settings):
    row, _token = intake.store(corpus("001-new-plain.eml"), source=Source.SMTP)
    # ... the process is killed here, before processing.
    assert intake.recover_one() is False  # its claim is still fresh
    lease = timedelta(seconds=settings.MAIL_INBOUND_LEASE_SECONDS)
    with time_machine.travel(timezone.now() + lease + timedelta(seconds=1)):
        assert intake.recover_one() is True
        assert intake.recover_one() is False
    row.refresh_from_db()
    assert (row.state, row.outcome) == (RawState.PROCESSED, Outcome.CREATED)
    assert Ticket.objects.count() == 1


def test_the_inbound_lease_is_the_configured_one(db, contact, settings):
    settings.MAIL_INBOUND_LEASE_SECONDS = 20
    row, _token = intake.store(corpus("001-new-plain.eml"), source=Source.SMTP)
    with time_machine.travel(row.claimed_at + timedelta(seconds=19), tick=False):
        assert intake.recover_one() is False
    with time_machine.travel(row.claimed_at + timedelta(seconds=21), tick=False):
        assert intake.recover_one() is True
    row.refresh_from_db()
    assert row.state == RawState.PROCESSED


def test_the_worker_command_runs_the_recovery(db, contact):
    from django.core.management import call_command

    row, _ = intake.store(corpus("001-new-plain.eml"), source=Source.SMTP)
    RawMessage.objects.filter(pk=row.pk).update(claimed_at=None)
    call_command("worker", "--once", "--drain", "mail.recover_inbound")
    row.refresh_from_db()
    assert row.state == RawState.PROCESSED


def test_a_stale_processor_cannot_process_a_message_twice(db, contact, settings):
    row, token = intake.store(corpus("001-new-plain.eml"), source=Source.SMTP)
    lease = timedelta(seconds=settings.MAIL_INBOUND_LEASE_SECONDS)
    with time_machine.travel(timezone.now() + lease * 2):
        intake.recover_one()  # another worker takes over and processes it
    assert intake.process(row, token) is None  # the original processor wakes up: no-op
    assert Ticket.objects.count() == 1


def test_a_processing_error_quarantines_with_a_reason_in_words(db, contact, monkeypatch, caplog):
    from sunrelay.mail import route

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(route, "store_attachments", broken)
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.SMTP)
    assert result.outcome == Outcome.QUARANTINED
    row = RawMessage.objects.get()
    assert row.state == RawState.QUARANTINED
    # Staff read what happened in words; the developer's detail is in the log, by row.
    assert "could not read this message" in row.reason and f"raw message {row.pk}" in row.reason
    assert "RuntimeError" not in row.reason and "disk on fire" in caplog.text
    assert not Ticket.objects.exists()  # the half-made ticket was rolled back


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_no_bytes_ever_crash_intake(db, raw):
    result = intake.receive(b"From: fuzz@example.test\r\n" + raw, source=Source.IMPORT)
    assert result.outcome in set(Outcome)


def test_worker_registry_runs_each_drain_until_idle(db):
    calls = []

    def drain():
        calls.append(1)
        return len(calls) < 3

    worker.register("tests.counting", drain)
    try:
        worker.run_until_idle(["tests.counting"])
    finally:
        worker._drains.pop("tests.counting")
    assert len(calls) == 3


def test_a_failing_drain_is_rested_and_the_others_go_on(db, caplog):
    ran = []

    def broken():
        raise RuntimeError("boom")

    def fine():
        ran.append(1)
        return False

    worker.register("tests.broken", broken)
    worker.register("tests.fine", fine)
    try:
        worker.run_once(["tests.broken", "tests.fine"])
        worker.run_once(["tests.broken", "tests.fine"])
    finally:
        worker._drains.pop("tests.broken")
        worker._drains.pop("tests.fine")
    assert ran == [1, 1]
    assert caplog.text.count("Drain tests.broken failed") == 1


def test_the_mail_drains_are_registered():
    names = {d.name for d in worker.drains()}
    assert {"mail.recover_inbound", "mail.send_outbox", "mail.poll_imap"} <= names


def test_a_failure_inside_an_import_batch_leaves_the_rest_of_the_batch_sound(db, monkeypatch):
    from sunrelay.mail import route

    real = route.store_attachments

    def fail_for_the_pdf(message, parsed, **kwargs):
        if any(a.filename.endswith(".pdf") for a in parsed):
            raise RuntimeError("storage failed")
        return real(message, parsed, **kwargs)

    monkeypatch.setattr(route, "store_attachments", fail_for_the_pdf)
    first = corpus("011-rfc2231-filename.eml").replace(b"carla@acme.test", b"newcomer@globex.test")
    reply = (
        b"From: newcomer@globex.test\r\nTo: support@sunrelay.localhost\r\nSubject: Re: report\r\n"
        b"Message-ID: <reply-after-failure@globex.test>\r\nIn-Reply-To: <011@acme.test>\r\n\r\nAnd?\r\n"
    )
    summary = intake.receive_many([first, reply], source=Source.IMPORT)
    assert summary.as_dict()["quarantined"] == 1 and summary.as_dict()["created"] == 1
    ticket = Ticket.objects.get()
    assert ticket.requester.email == "newcomer@globex.test"  # the contact was made again
