"""Two workers at once: every row is sent and marked exactly once, every stored message is
processed once. Threads with their own database connections (real concurrency on PostgreSQL;
SQLite serialises the writers)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connections

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import Ticket
from sunrelay.mail import intake, outbox
from sunrelay.mail.models import Outbox, OutboxState, RawMessage, RawState, Source
from tests.factories import make_staff


def run_workers(drain, count: int = 2) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def work():
        try:
            start.wait()
            while True:
                try:
                    if not drain():
                        break
                except OperationalError as exc:
                    # The in-memory SQLite test database locks whole tables and does not wait
                    # like the file database's busy timeout; the worker rests and retries too.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_every_reply_exactly_once(smtp_sink):
    agent = make_staff("alba", roles=["support"])
    contact = Contact.objects.create(name="Carla", email="carla@acme.test")
    tickets = [
        services.create_ticket(
            services.NewTicket(requester=contact, subject=f"T{i}", body="Help"), actor=None
        ).ticket
        for i in range(6)
    ]
    for ticket in tickets:
        for n in range(3):
            services.reply(ticket, agent, f"Answer {n}")
    assert Outbox.objects.count() == 18
    errors = run_workers(outbox.send_one)
    assert not errors, errors
    assert Outbox.objects.filter(state=OutboxState.SENT).count() == 18
    sent_ids = [
        e.original_content.split(b"Message-ID: ")[1].split(b"\r\n")[0] for e in smtp_sink.envelopes
    ]
    assert len(sent_ids) == 18 and len(set(sent_ids)) == 18
    assert all(row.attempts == 1 for row in Outbox.objects.all())


@pytest.mark.django_db(transaction=True)
def test_two_workers_recover_stored_mail_exactly_once():
    for i in range(10):
        raw = (
            f"From: c{i}@acme.test\r\nTo: support@sunrelay.localhost\r\nSubject: crash {i}\r\n"
            f"Message-ID: <crash-{i}@acme.test>\r\n\r\nStored, then the process died.\r\n"
        ).encode()
        row, _token = intake.store(raw, source=Source.SMTP)
        RawMessage.objects.filter(pk=row.pk).update(claimed_at=None)  # as if its lease expired
    errors = run_workers(intake.recover_one)
    assert not errors, errors
    assert RawMessage.objects.filter(state=RawState.PROCESSED).count() == 10
    assert Ticket.objects.count() == 10
