"""A survey per solve: once, again after a reopening, never for who cannot be asked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.csat import services
from sunrelay.csat.models import Survey
from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.mail.models import Outbox
from tests.csat.conftest import solve, survey_mails
from tests.factories import make_contact, make_ticket


def test_it_surveys_a_solve_once_with_what_the_ticket_was(ticket, agent, contact):
    desk.update_ticket(ticket, agent, assignee=agent, level="l2")
    desk.reply(ticket, agent, "Zoom 14 tiles are back.")
    solve(ticket, agent)
    survey = Survey.objects.get()
    assert survey.ticket == ticket and survey.agent == agent
    assert (survey.tier, survey.level, survey.skill) == ("enterprise", "l2", "beginner")
    assert survey.solve.kind == EventKind.STATUS and survey.solve.new == "solved"
    assert survey.sent_at is not None and survey.rating == ""
    [reply] = Outbox.objects.filter(ticket=ticket, kind="reply")
    [mail] = survey_mails(ticket)
    assert mail.to == [contact.email] and mail.cc == []
    assert "How did we do?" in mail.body_text and f"[#{ticket.pk}]" in mail.subject
    # In the ticket's conversation, from the address the customer wrote to, as our replies.
    assert mail.in_reply_to == reply.message_id and reply.message_id in mail.references
    assert mail.from_address == reply.from_address


def test_a_duplicate_signal_makes_no_second_survey_nor_mail(ticket, agent):
    [event] = [e for e in solve(ticket, agent) if e.kind == EventKind.STATUS]
    ticket_changed.send(sender=type(ticket), ticket=ticket, events=[event], at=event.at)
    assert Survey.objects.count() == 1
    assert len(survey_mails(ticket)) == 1


def test_the_database_refuses_two_surveys_of_one_solve(ticket, agent):
    from django.db import IntegrityError, transaction

    survey = (solve(ticket, agent), Survey.objects.get())[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(ticket=ticket, solve=survey.solve, solved_at=survey.solved_at)


def test_a_reopened_ticket_solved_again_gets_a_new_survey(ticket, agent):
    solve(ticket, agent)
    desk.update_ticket(ticket, agent, status="open")
    solve(ticket, agent)
    first, second = Survey.objects.order_by("id")
    assert first.solve_id != second.solve_id
    assert len(survey_mails(ticket)) == 2
    assert not services.is_open(first) and services.is_open(second)


@pytest.mark.parametrize(
    "address", ["someone@qa-site.invalid", "bot@localhost", "mailer-daemon@acme.test"]
)
def test_no_survey_for_a_requester_we_cannot_write_to(agent, address):
    ticket = make_ticket(make_contact("Nobody", address))
    solve(ticket, agent)
    assert not Survey.objects.exists()
    assert not survey_mails(ticket)


def test_no_survey_for_a_merged_ticket(ticket, agent, contact):
    survivor = make_ticket(contact, subject="The same tiles, again")
    desk.merge_tickets(ticket, survivor, agent)
    ticket.refresh_from_db()
    assert ticket.merged_into_id == survivor.pk and ticket.status == "closed"
    assert not Survey.objects.filter(ticket=ticket).exists()
    # Whatever closes it, a merged ticket is never asked: the survivor is.
    assert services.rules.skip_reason(ticket.requester.email, True, [])


def test_no_survey_when_csat_is_off(ticket, agent, settings):
    settings.CSAT_ENABLED = False
    solve(ticket, agent)
    assert not Survey.objects.exists() and not survey_mails(ticket)


def test_a_solve_recorded_long_ago_is_surveyed_without_mail(ticket, agent):
    at = timezone.now() - timedelta(days=3)
    event = TicketEvent.objects.create(
        ticket=ticket, kind=EventKind.STATUS, at=at, old="open", new="solved"
    )
    survey = services.open_survey(ticket, event)
    assert survey.sent_at is None and not survey_mails(ticket)
