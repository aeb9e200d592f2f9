"""A person's post relayed by a mailing list is mail for the mailing-list channel."""

from __future__ import annotations

from sunrelay.desk.models import Channel, Ticket
from sunrelay.mail import intake
from sunrelay.mail.models import Outcome, Source
from tests.mail.conftest import corpus

POST = "059-mailing-list-post.eml"


def test_a_persons_list_post_opens_a_mailing_list_ticket(db):
    result = intake.receive(corpus(POST), source=Source.SMTP)
    assert result.outcome == Outcome.CREATED
    ticket = Ticket.objects.get(pk=result.ticket_id)
    assert ticket.channel == Channel.MAILING_LIST
    assert ticket.requester.email == "dana@geo.example"
    assert not ticket.ccs.exists()  # replies go to the person, not to the whole list


def test_the_lists_own_mail_and_newsletters_stay_automatic(db):
    digest = intake.receive(corpus("050-precedence-list.eml"), source=Source.SMTP)
    assert digest.outcome == Outcome.QUARANTINED and "Precedence: list" in digest.reason
    newsletter = corpus(POST).replace(b"List-Post: <mailto:gis-users@lists.example.test>\n", b"")
    newsletter = newsletter.replace(b"<059.dana@", b"<059.news@")
    assert intake.receive(newsletter, source=Source.SMTP).outcome == Outcome.QUARANTINED
    vacation = corpus(POST).replace(b"Precedence: list\n", b"Auto-Submitted: auto-replied\n")
    vacation = vacation.replace(b"<059.dana@", b"<059.away@")
    assert intake.receive(vacation, source=Source.SMTP).outcome == Outcome.QUARANTINED


def test_a_list_that_rewrites_the_sender_still_names_the_person(db):
    raw = corpus(POST).replace(
        b"From: Dana Developer <dana@geo.example>",
        b"From: Dana Developer via gis-users <gis-users@lists.example.test>\n"
        b"Reply-To: Dana Developer <dana@geo.example>",
    )
    result = intake.receive(raw, source=Source.SMTP)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    assert (ticket.channel, ticket.requester.email) == (Channel.MAILING_LIST, "dana@geo.example")
    assert ticket.requester.name == "Dana Developer"
