"""The Events API end to end: signed requests to /slack/events/, the worker, the fake Web API."""

from __future__ import annotations

import time

from sunrelay.desk.models import Channel, EventKind, MessageKind, Ticket, TicketEvent
from sunrelay.mail.models import Attachment
from sunrelay.slack.models import RawEvent, RawState, SlackMessage
from tests.slack.conftest import (
    CHANNEL,
    message,
    post_signed,
    run_worker,
    send_event,
)


def test_it_answers_the_url_verification_challenge(client, installed):
    body = b'{"type": "url_verification", "challenge": "3eZbrw1aB", "token": "x"}'
    answer = post_signed(client, "/slack/events/", body, "application/json")
    assert answer.status_code == 200
    assert answer.json() == {"challenge": "3eZbrw1aB"}


def test_it_refuses_a_bad_signature_an_old_timestamp_and_a_replay(client, installed):
    event = message("Hello", "1700000001.000100")
    wrong = send_event(client, event, secret="0" * 32)
    assert wrong.status_code == 401
    assert "signature" in wrong.json()["detail"]
    old = send_event(client, event, stamp=int(time.time()) - 600)
    assert old.status_code == 401
    assert "five minutes" in old.json()["detail"]
    assert not RawEvent.objects.exists()
    from tests.slack.conftest import event_body, signing  # the same signed request twice

    body = event_body(event)
    headers = signing.sign("8f742231b10e8888abcd99111222a5a5", body)
    first = client.post("/slack/events/", body, content_type="application/json", headers=headers)
    again = client.post("/slack/events/", body, content_type="application/json", headers=headers)
    assert first.status_code == 200
    assert again.status_code == 409
    assert RawEvent.objects.count() == 1


def test_it_refuses_everything_when_not_set_up(client, db):
    answer = send_event(client, message("Hello", "1700000001.000100"))
    assert answer.status_code == 404


def test_a_customer_message_opens_a_ticket_and_a_retry_creates_nothing(client, installed, fake):
    event = message("Tiles are blank at zoom 14\nSince this morning.", "1700000001.000100")
    assert send_event(client, event).status_code == 200
    # Stored, not yet processed: the answer came before any work.
    assert RawEvent.objects.get().state == RawState.PENDING
    assert not Ticket.objects.exists()
    # Slack retries with the same event_id (signed anew).
    retry = send_event(client, event, stamp=int(time.time()) - 1)
    assert retry.status_code == 200
    assert "retry" in retry.json()["detail"]
    run_worker()
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.SLACK
    assert ticket.subject == "Tiles are blank at zoom 14"
    assert ticket.account == installed_account(ticket)
    assert ticket.requester.email == "carla@acme.test"
    assert RawEvent.objects.get().state == RawState.PROCESSED
    assert fake.called("users.info") == [{"user": "UCARLA"}]


def installed_account(ticket):
    from sunrelay.slack.models import SharedChannel

    return SharedChannel.objects.get(channel_id=CHANNEL).account


def test_thread_replies_edits_deletions_and_files(client, installed, fake):
    send_event(client, message("Blank tiles", "1700000001.000100"), "Ev1")
    url = fake.file_url("F1", b"PNG-bytes")
    files = [{"id": "F1", "name": "shot.png", "mimetype": "image/png",
              "url_private_download": url}]  # fmt: skip
    reply = message("Here is a screenshot", "1700000002.000200",
                    thread_ts="1700000001.000100", subtype="file_share", files=files)  # fmt: skip
    send_event(client, reply, "Ev2")
    run_worker()
    ticket = Ticket.objects.get()
    texts = list(ticket.messages.values_list("kind", "body_text"))
    assert texts == [(MessageKind.CUSTOMER, "Blank tiles"),
                     (MessageKind.CUSTOMER, "Here is a screenshot")]  # fmt: skip
    assert Attachment.objects.get().filename == "shot.png"
    edit = {"type": "message", "subtype": "message_changed", "channel": CHANNEL,
            "event_ts": "1700000003.000300",
            "message": {"user": "UCARLA", "text": "Blank tiles at zoom 14", "ts": "1700000001.000100"}}  # fmt: skip
    deletion = {"type": "message", "subtype": "message_deleted", "channel": CHANNEL,
                "deleted_ts": "1700000002.000200", "event_ts": "1700000004.000400"}  # fmt: skip
    send_event(client, edit, "Ev3")
    send_event(client, deletion, "Ev4")
    run_worker()
    first = ticket.messages.order_by("id").first()
    assert first.body_text == "Blank tiles at zoom 14"
    edited = TicketEvent.objects.get(ticket=ticket, kind=EventKind.EDITED)
    assert edited.old["body"] == "Blank tiles"
    assert SlackMessage.objects.get(ts="1700000002.000200").deleted_at is not None
    assert ticket.messages.filter(kind=MessageKind.NOTE, body_text__contains="deleted").exists()


def test_a_file_elsewhere_is_not_fetched(client, installed, fake):
    files = [{"id": "F9", "name": "x.txt", "url_private_download": "http://10.0.0.1/x.txt"}]
    send_event(client, message("See file", "1700000001.000100", files=files))
    run_worker()
    assert not Attachment.objects.exists()
    assert "left in Slack" in RawEvent.objects.get().outcome


def test_the_ticket_reaction_turns_a_message_into_a_ticket_once(client, installed, fake):
    other = "C0OTHER1"
    fake.history[(other, "1700000005.000500")] = {
        "type": "message", "user": "UCARLA", "text": "Can you export to GeoPackage?",
        "ts": "1700000005.000500"}  # fmt: skip
    reaction = {"type": "reaction_added", "user": "UALBA", "reaction": "ticket",
                "item": {"type": "message", "channel": other, "ts": "1700000005.000500"},
                "event_ts": "1700000006.000600"}  # fmt: skip
    send_event(client, reaction, "Ev5")
    send_event(client, reaction | {"event_ts": "1700000007.0007"}, "Ev6")
    send_event(client, reaction | {"reaction": "thumbsup"}, "Ev7")
    run_worker()
    ticket = Ticket.objects.get()
    assert ticket.subject == "Can you export to GeoPackage?"
    assert ticket.channel == Channel.SLACK


def test_bots_and_unmapped_channels_open_nothing(client, installed):
    send_event(client, message("From a bot", "1700000001.000100", bot_id="B1"), "Ev1")
    send_event(client, message("Elsewhere", "1700000002.000100") | {"channel": "C0NOPE"}, "Ev2")
    run_worker()
    assert not Ticket.objects.exists()
    assert set(RawEvent.objects.values_list("state", flat=True)) == {RawState.IGNORED}


def test_a_colleagues_reply_in_the_thread_is_a_public_reply_not_posted_again(
    client, installed, fake, agent
):
    send_event(client, message("Blank tiles", "1700000001.000100"), "Ev1")
    answer = message("Looking now", "1700000002.000200", user_id="UALBA",
                     thread_ts="1700000001.000100")  # fmt: skip
    send_event(client, answer, "Ev2")
    run_worker()
    ticket = Ticket.objects.get()
    ours = ticket.messages.get(kind=MessageKind.REPLY)
    assert (ours.author_user, ours.body_text) == (agent, "Looking now")
    assert not fake.called("chat.postMessage")
