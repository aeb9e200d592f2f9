"""Questions of a Q&A site's tag become tickets, and stay in step with the site."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sunrelay.desk import services
from sunrelay.desk.models import (
    Channel,
    EventKind,
    Message,
    MessageKind,
    Status,
    Ticket,
    TicketEvent,
)
from sunrelay.mail.models import Outbox
from sunrelay.qa import fetch
from sunrelay.qa.models import SitePost
from sunrelay.qa.services import map_staff
from sunrelay.qa.sync import import_questions
from tests.qa.conftest import SITE, TAG, export_path


def run(name: str = "gis-export.json"):
    return import_questions(fetch.load(str(export_path(name))), site=SITE, tag=TAG)


def counts() -> tuple[int, int, int, int]:
    return (
        Ticket.objects.count(),
        Message.objects.count(),
        TicketEvent.objects.count(),
        SitePost.objects.count(),
    )


def test_it_opens_a_ticket_per_question_of_the_tag_with_its_answers_and_comments(db):
    summary = run()
    assert summary.as_dict() == {
        "questions": 1, "created": 1, "appended": 3, "edited": 0, "unchanged": 0,
        "left_out": 1, "refused": 0,
    }  # fmt: skip
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.QA_SITE
    assert ticket.subject == 'Vector tiles render blank above zoom 14 with the "streets" style'
    assert ticket.external_ref == f"qa:{SITE}:4101"
    assert ticket.requester.email == "se-501@gis.stackexchange.com.qa.invalid"
    assert ticket.requester.name == "Dana Dev"
    assert list(ticket.tags.values_list("name", flat=True)) == [TAG]
    question, *rest = ticket.messages.order_by("created_at")
    assert question.body_text.startswith("Our map goes **blank**")  # the Markdown, unescaped
    assert "<strong>blank</strong>" in question.body_html and "script" not in question.body_html
    # In the order they were written, each by its author; nobody mapped as staff yet.
    assert [(m.kind, m.author_contact.name) for m in rest] == [
        (MessageKind.CUSTOMER, "Sam Curious"),
        (MessageKind.CUSTOMER, "Alex from Sunrelay"),
        (MessageKind.CUSTOMER, "Dana Dev"),
    ]
    assert SitePost.objects.get(kind="question").link.endswith(
        "/questions/4101/vector-tiles-render-blank"
    )
    assert not Outbox.objects.exists()  # nothing is ever e-mailed to a site's people


def test_our_peoples_answers_are_public_replies_posted_on_the_site_and_never_emailed(db, agent):
    map_staff(SITE, 77, agent)
    run()
    answer = Message.objects.get(body_text__startswith="Set `maxzoom`")
    assert (answer.kind, answer.author_user) == (MessageKind.REPLY, agent)
    event = TicketEvent.objects.get(kind=EventKind.REPLIED, message=answer)
    assert event.new == {"posted_on": "https://gis.stackexchange.com/a/4102"}
    assert Ticket.objects.get().status == Status.OPEN  # our first answer opened it
    assert not Outbox.objects.exists()


def test_importing_twice_changes_nothing(db, agent):
    map_staff(SITE, 77, agent)
    run()
    before = counts()
    again = run()
    assert counts() == before
    assert again.as_dict()["unchanged"] == 4
    assert (again.created, again.appended, again.edited) == (0, 0, 0)


def test_an_edited_export_updates_in_place_and_appends_only_whats_new(db):
    run()
    ticket = Ticket.objects.get()
    summary = run("gis-export-edited.json")
    assert (summary.created, summary.appended, summary.edited) == (0, 1, 2)
    ticket.refresh_from_db()
    assert ticket.subject == "Vector tiles render blank above zoom 14"
    question = ticket.messages.order_by("created_at").first()
    assert question.body_text == "Our map goes **blank** above zoom 14 in Firefox."
    edited = TicketEvent.objects.get(kind=EventKind.EDITED)
    assert edited.message_id == question.pk and edited.actor_contact == ticket.requester
    assert edited.old["body"].startswith("Our map goes **blank** above zoom 14.\r\n")
    assert edited.new == {
        "source": "https://gis.stackexchange.com/questions/4101/vector-tiles-render-blank"
    }
    assert TicketEvent.objects.filter(kind=EventKind.SUBJECT).count() == 1
    newest = ticket.messages.order_by("-created_at").first()
    assert (newest.body_text, newest.author_contact.name) == (
        "Also clear the tile cache.",
        "Tile Whisperer",
    )
    assert SitePost.objects.get(kind="answer", post_id=4102).accepted
    assert ticket.messages.count() == 5  # nothing twice
    before = counts()
    run("gis-export-edited.json")
    assert counts() == before


def test_a_new_answer_on_a_closed_ticket_opens_a_follow_up(db, agent):
    run()
    ticket = Ticket.objects.get()
    services.update_ticket(ticket, agent, status=Status.SOLVED, cause="question")
    services.update_ticket(ticket, agent, status=Status.CLOSED)
    summary = run("gis-export-edited.json")
    follow_up = Ticket.objects.exclude(pk=ticket.pk).get()
    assert follow_up.follow_up_of == ticket and follow_up.channel == Channel.QA_SITE
    assert follow_up.messages.get().body_text == "Also clear the tile cache."
    assert summary.left_out >= 2  # the title and the question's edit: closed is final
    assert not TicketEvent.objects.filter(kind=EventKind.EDITED).exists()


def test_a_public_reply_written_here_is_refused_and_a_note_is_fine(db, agent):
    run()
    ticket = Ticket.objects.get()
    with pytest.raises(ValidationError, match="answer it on the site"):
        services.reply(ticket, agent, "Try maxzoom 14.")
    services.note(ticket, agent, "Asked the tiles team.")
    assert ticket.messages.filter(kind=MessageKind.NOTE).count() == 1


def test_an_export_the_reader_does_not_understand_is_refused_in_words(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"quota_remaining": 3}')
    with pytest.raises(fetch.FetchError, match="Expected a Stack Exchange export"):
        fetch.load(str(bad))
    bad.write_text("<html>rate limited</html>")
    with pytest.raises(fetch.FetchError, match="is not JSON"):
        fetch.load(str(bad))
    assert not Ticket.objects.exists()
