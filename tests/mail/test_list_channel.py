"""Configured mailing lists: posts become list tickets, threaded by References and by topic
within the list; archives import as the list's, idempotent; replies go to the list or
privately, as chosen."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sunrelay.api.tokens import create_token
from sunrelay.desk.models import Channel, MessageKind, Ticket
from sunrelay.desk.services import merge_tickets
from sunrelay.mail import compose, intake
from sunrelay.mail.models import ListThread, MailingList, Outbox, Outcome, Source
from sunrelay.mail.replies import reply_with_files
from tests.api.conftest import ApiClient

LIST = "gis-users@lists.example.test"


def post(
    mid: str,
    subject: str,
    *,
    sender: str = "Dana Developer <dana@geo.example>",
    refs: str = "",
    headers: str = "List-Id: GIS users <gis-users.lists.example.test>\nPrecedence: list\n",
    footer: str = "",
) -> bytes:
    thread = f"In-Reply-To: <{refs}>\nReferences: <{refs}>\n" if refs else ""
    return (
        f"From: {sender}\nTo: GIS users <{LIST}>\nSubject: {subject}\n"
        f"Date: Tue, 11 Mar 2025 11:00:00 +0100\nMessage-ID: <{mid}>\n{thread}{headers}"
        f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        f"Text of {mid}.\n{footer}"
    ).encode()


@pytest.fixture
def gis_list(db) -> MailingList:
    return MailingList.objects.create(
        name="gis-users", address=LIST, list_id="gis-users.lists.example.test"
    )


def receive(raw: bytes):
    return intake.receive(raw, source=Source.SMTP)


def test_a_post_to_a_configured_list_without_list_post_opens_a_list_ticket(gis_list):
    result = receive(post("a1@geo.example", "[gis-users] Tile seams at zoom 14"))
    assert result.outcome == Outcome.CREATED  # Precedence: list, yet a person's post
    ticket = Ticket.objects.get(pk=result.ticket_id)
    assert (ticket.channel, ticket.requester.email) == (Channel.MAILING_LIST, "dana@geo.example")
    thread = ListThread.objects.get(ticket=ticket)
    assert (thread.mailing_list, thread.topic) == (gis_list, "tile seams at zoom 14")
    assert not ticket.ccs.exists()  # the list is never a CC


def test_a_list_that_adds_no_headers_is_known_by_its_address(gis_list):
    result = receive(post("a2@geo.example", "Help with WMS", headers="Precedence: bulk\n"))
    assert Ticket.objects.get(pk=result.ticket_id).channel == Channel.MAILING_LIST


def test_answers_thread_by_references_and_else_by_topic_within_the_list(gis_list):
    first = receive(post("t1@geo.example", "[gis-users] Tile seams"))
    by_ref = receive(
        post(
            "t2@x.example",
            "Re: [gis-users] Tile seams",
            sender="Ana <ana@x.example>",
            refs="t1@geo.example",
        )
    )
    lost = receive(post("t3@y.example", "RE: [gis-users] Tile  seams", sender="Bo <bo@y.example>"))
    assert by_ref.outcome == lost.outcome == Outcome.THREADED
    assert first.ticket_id == by_ref.ticket_id == lost.ticket_id
    # Not an answer (no Re:), or another list: a ticket of its own.
    fresh = receive(post("t4@z.example", "[gis-users] Tile seams", sender="Cy <cy@z.example>"))
    other = receive(
        post("t5@z.example", "Re: [gis-users] Tile seams", sender="Cy <cy@z.example>",
             headers="List-Id: <qgis.lists.example.test>\nList-Post: <mailto:qgis@lists.example.test>\n")
    )  # fmt: skip
    assert len({first.ticket_id, fresh.ticket_id, other.ticket_id}) == 3


def test_an_answer_by_topic_to_a_merged_ticket_joins_the_one_it_was_merged_into(gis_list, agent):
    first = receive(post("g1@geo.example", "[gis-users] Grid shifts"))
    survivor = receive(post("g2@geo.example", "[gis-users] Datum grids missing"))
    merge_tickets(
        Ticket.objects.get(pk=first.ticket_id), Ticket.objects.get(pk=survivor.ticket_id), agent
    )
    lost = receive(post("g3@y.example", "Re: [gis-users] Grid shifts", sender="Bo <bo@y.example>"))
    assert (lost.outcome, lost.ticket_id) == (Outcome.THREADED, survivor.ticket_id)


def import_archive(path, *extra) -> dict:
    out = StringIO()
    call_command("mail", "import", str(path), "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_an_archive_imports_as_the_lists_threaded_and_twice_adds_nothing(gis_list, tmp_path):
    bare = "Precedence: list\n"  # an archive's copies lost the List-Id
    messages = [
        post("m1@geo.example", "[gis-users] Reprojection fails", headers=bare),
        post("m2@x.example", "Re: [gis-users] Reprojection fails", sender="ana@x.example", refs="m1@geo.example", headers=bare),
        post("m3@y.example", "Re: [gis-users] Reprojection fails", sender="bo@y.example", headers=bare),
    ]  # fmt: skip
    archive = tmp_path / "gis-users.mbox"
    archive.write_bytes(
        b"".join(b"From MAILER-DAEMON Tue Mar 11 10:00:00 2025\n" + m + b"\n" for m in messages)
    )
    first = import_archive(archive, "--list", "gis-users")
    assert (first["created"], first["threaded"]) == (1, 2)
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.MAILING_LIST and ticket.messages.count() == 3
    assert ListThread.objects.get(ticket=ticket).mailing_list == gis_list
    again = import_archive(archive, "--list", "gis-users")
    assert (again["created"], again["threaded"], again["duplicates"]) == (0, 0, 3)


def test_a_live_post_and_its_archive_copy_are_one_post(gis_list, tmp_path):
    receive(post("live@geo.example", "[gis-users] Seams"))
    archive = tmp_path / "a.mbox"
    copy = post("live@geo.example", "[gis-users] Seams", headers="", footer="--\nList footer\n")
    archive.write_bytes(b"From x Tue Mar 11 10:00:00 2025\n" + copy)
    assert import_archive(archive, "--list", LIST)["duplicates"] == 1
    assert Ticket.objects.get().messages.count() == 1


def test_an_unknown_list_is_refused_in_words(db, tmp_path):
    with pytest.raises(CommandError, match="No mailing list is called or posts at 'nope'"):
        import_archive(tmp_path, "--list", "nope")


@pytest.fixture
def list_ticket(gis_list) -> Ticket:
    return Ticket.objects.get(pk=receive(post("q1@geo.example", "[gis-users] Seams")).ticket_id)


def test_a_reply_to_the_list_goes_to_the_list_and_keeps_its_thread(agent, list_ticket):
    message = reply_with_files(list_ticket, agent, "Set maxzoom to 14.", [], to_list=True)
    row = Outbox.objects.get(desk_message=message)
    assert (row.to, row.cc) == ([LIST], [])
    assert row.subject == "Re: [gis-users] Seams"  # the list's prefix kept, no ticket tag
    built = compose.build(row)
    assert built["In-Reply-To"] == "<q1@geo.example>" and "<q1@geo.example>" in built["References"]
    assert built["List-Id"] is None  # the list writes its own


def test_a_private_reply_goes_to_the_person_and_the_default_is_the_lists_setting(
    agent, gis_list, list_ticket
):
    private = reply_with_files(
        list_ticket, agent, "Privately: your key is wrong.", [], to_list=False
    )
    assert Outbox.objects.get(desk_message=private).to == ["dana@geo.example"]
    unset = reply_with_files(list_ticket, agent, "Unset: private for now.", [])
    assert Outbox.objects.get(desk_message=unset).to == ["dana@geo.example"]
    gis_list.reply_to_list = True
    gis_list.save()
    listed = reply_with_files(list_ticket, agent, "Unset: the list's setting.", [])
    assert Outbox.objects.get(desk_message=listed).to == [LIST]


def test_to_the_list_is_refused_on_a_ticket_from_no_list(agent, ticket):
    with pytest.raises(ValidationError, match="did not come through a mailing list"):
        reply_with_files(ticket, agent, "Hello list", [], to_list=True)
    assert not ticket.messages.filter(kind=MessageKind.REPLY).exists()


def test_the_api_and_the_reply_form_choose_the_list_or_the_person(client, agent, list_ticket):
    _token, raw = create_token(agent, "tests")
    api = ApiClient(raw)
    response = api.post(
        f"/tickets/{list_ticket.pk}/messages", {"kind": "reply", "body": "To all.", "to_list": True}
    )
    assert response.status_code == 201, response.content
    assert Outbox.objects.get(desk_message_id=response.json()["id"]).to == [LIST]
    refused = api.post(
        f"/tickets/{list_ticket.pk}/messages", {"kind": "note", "body": "x", "to_list": True}
    )
    assert refused.status_code == 422
    client.force_login(agent)
    page = client.get(f"/desk/tickets/{list_ticket.pk}/").content.decode()
    assert (
        "Reply to the list (gis-users@lists.example.test)" in page
        and "Reply privately to Dana" in page
    )
    client.post(
        f"/desk/tickets/{list_ticket.pk}/reply/", {"body": "Just to you.", "audience": "private"}
    )
    assert Outbox.objects.order_by("-id").first().to == ["dana@geo.example"]


def test_leads_configure_the_lists(client, lead, agent):
    client.force_login(agent)
    assert client.get("/mail/lists/").status_code == 403
    client.force_login(lead)
    response = client.post(
        "/mail/lists/",
        {
            "name": "qgis",
            "address": "QGIS@Lists.Example.test",
            "list_id": "<qgis.lists.example.test>",
        },
    )
    assert response.status_code == 302
    found = MailingList.objects.get()
    assert (found.address, found.list_id, found.reply_to_list) == (
        "qgis@lists.example.test",
        "qgis.lists.example.test",
        False,
    )
