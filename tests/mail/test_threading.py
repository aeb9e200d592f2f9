"""Which ticket a message joins: references first, then the subject tag, else a new one."""

from __future__ import annotations

import time_machine
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.models import Cause, Status, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Outcome, Source


def message(mid, subject="Help", sender="carla@acme.test", headers="") -> bytes:
    return (
        f"From: {sender}\r\nTo: support@sunrelay.localhost\r\nSubject: {subject}\r\n"
        f"Message-ID: <{mid}>\r\n{headers}\r\nText of {mid}.\r\n"
    ).encode()


def receive(raw):
    return intake.receive(raw, source=Source.SMTP)


def test_it_threads_reply_by_in_reply_to(db, contact):
    first = receive(message("a@acme.test"))
    reply = receive(message("b@acme.test", "Re: Help", headers="In-Reply-To: <a@acme.test>\r\n"))
    assert (reply.outcome, reply.ticket_id) == (Outcome.THREADED, first.ticket_id)


def test_it_threads_reply_by_references_when_in_reply_to_is_unknown(db, contact):
    first = receive(message("a@acme.test"))
    reply = receive(
        message(
            "c@acme.test",
            "Something else",
            headers="In-Reply-To: <unknown@x>\r\nReferences: <a@acme.test> <unknown@x>\r\n",
        )
    )
    assert reply.ticket_id == first.ticket_id


def test_it_threads_by_the_ticket_tag(db, contact):
    first = receive(message("a@acme.test"))
    reply = receive(message("d@acme.test", f"Re: Help [#{first.ticket_id}]"))
    assert (reply.outcome, reply.ticket_id) == (Outcome.THREADED, first.ticket_id)


def test_the_tag_pattern_is_configurable(db, settings, contact):
    settings.MAIL_TICKET_TAG = "[Sunrelay {id}]"
    first = receive(message("a@acme.test"))
    assert (
        receive(message("e@acme.test", f"Re: [Sunrelay {first.ticket_id}]")).ticket_id
        == first.ticket_id
    )
    assert receive(message("f@acme.test", f"Re: [#{first.ticket_id}]")).outcome == Outcome.CREATED


def test_a_guessed_tag_from_a_stranger_opens_a_new_ticket(db, contact):
    first = receive(message("a@acme.test"))
    other = receive(message("g@evil.test", f"[#{first.ticket_id}]", sender="mallory@evil.test"))
    assert other.outcome == Outcome.CREATED and other.ticket_id != first.ticket_id


def test_a_colleague_from_the_same_account_may_use_the_tag(db, contact):
    first = receive(message("a@acme.test"))
    colleague = receive(message("h@acme.test", f"Re: [#{first.ticket_id}]", sender="bob@acme.test"))
    assert colleague.ticket_id == first.ticket_id


def test_a_reply_reopens_a_recently_solved_ticket(db, agent, contact):
    first = receive(message("a@acme.test"))
    ticket = Ticket.objects.get(pk=first.ticket_id)
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    receive(message("i@acme.test", "Re: Help", headers="In-Reply-To: <a@acme.test>\r\n"))
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_a_reply_to_a_ticket_solved_long_ago_opens_a_linked_follow_up(db, settings, agent, contact):
    first = receive(message("a@acme.test"))
    ticket = Ticket.objects.get(pk=first.ticket_id)
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    later = timezone.now() + timezone.timedelta(days=settings.MAIL_REOPEN_DAYS + 1)
    with time_machine.travel(later):
        result = receive(message("j@acme.test", f"Re: Help [#{ticket.pk}]"))
    assert result.outcome == Outcome.CREATED
    follow_up = Ticket.objects.get(pk=result.ticket_id)
    assert follow_up.follow_up_of == ticket
    assert follow_up.events.get(kind="created").new["follow_up_of"] == ticket.pk
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED


def test_a_reply_to_a_closed_ticket_opens_a_linked_follow_up(db, agent, contact):
    first = receive(message("a@acme.test"))
    ticket = Ticket.objects.get(pk=first.ticket_id)
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
    services.update_ticket(ticket, agent, status=Status.CLOSED)
    result = receive(message("k@acme.test", "Re: Help", headers="In-Reply-To: <a@acme.test>\r\n"))
    assert Ticket.objects.get(pk=result.ticket_id).follow_up_of == ticket
