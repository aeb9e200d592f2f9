from __future__ import annotations

from sunrelay.desk.models import EventKind, Message, MessageKind
from tests.api.conftest import ApiClient, locs


def test_it_lists_the_thread_oldest_first(as_agent, ticket):
    response = as_agent.get(f"/tickets/{ticket.pk}/messages")
    assert response.status_code == 200
    [first] = response.json()
    assert first["kind"] == "customer"
    assert first["body"] == "Help, please."
    assert first["author"] == {
        "type": "contact",
        "id": ticket.requester_id,
        "name": "Carla Customer",
        "email": "carla@acme.test",
    }


def test_it_adds_a_public_reply_and_opens_the_ticket(as_agent, agent, ticket):
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages", {"kind": "reply", "body": "Which browser do you use?"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "reply"
    assert body["author"]["type"] == "user"
    assert body["author"]["id"] == agent.pk
    assert as_agent.get(f"/tickets/{ticket.pk}").json()["status"] == "open"


def test_it_shows_an_internal_note_to_staff_as_a_note(as_agent, api_as, lead, ticket):
    created = as_agent.post(
        f"/tickets/{ticket.pk}/messages", {"kind": "note", "body": "Customer is on the old SDK."}
    )
    assert created.status_code == 201
    assert created.json()["kind"] == "note"
    thread = api_as(lead).get(f"/tickets/{ticket.pk}/messages").json()
    notes = [m for m in thread if m["kind"] == "note"]
    assert [n["body"] for n in notes] == ["Customer is on the old SDK."]
    assert Message.objects.get(pk=created.json()["id"]).kind == MessageKind.NOTE
    # A note is not an answer to the customer: the ticket stays new.
    assert as_agent.get(f"/tickets/{ticket.pk}").json()["status"] == "new"


def test_it_replies_and_changes_the_status_in_one_step(as_agent, ticket):
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages",
        {"kind": "reply", "body": "Please send the style file.", "status": "pending"},
    )
    assert response.status_code == 201
    assert as_agent.get(f"/tickets/{ticket.pk}").json()["status"] == "pending"


def test_it_refuses_to_solve_through_a_reply_without_a_cause(as_agent, ticket):
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages", {"kind": "reply", "body": "Fixed.", "status": "solved"}
    )
    assert response.status_code == 422
    assert locs(response) == [["body", "cause"]]
    # The reply is not kept without its status change.
    assert ticket.messages.count() == 1


def test_it_solves_through_a_reply_with_its_cause_in_one_step(as_agent, ticket):
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages",
        {
            "kind": "reply",
            "body": "Fixed.",
            "status": "solved",
            "cause": "product_bug",
            "bug_url": "https://tracker.test/BUG-7",
        },
    )
    assert response.status_code == 201
    read = as_agent.get(f"/tickets/{ticket.pk}").json()
    assert (read["status"], read["cause"], read["bug_url"]) == (
        "solved",
        "product_bug",
        "https://tracker.test/BUG-7",
    )


def test_it_sanitises_html(as_agent, ticket):
    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages",
        {"kind": "reply", "body": "See link", "html": '<a href="javascript:x()">x</a><b>ok</b>'},
    )
    assert "javascript" not in response.json()["html"]
    assert "<b>ok</b>" in response.json()["html"]


def test_it_refuses_an_empty_body_or_unknown_kind(as_agent, ticket):
    empty = as_agent.post(f"/tickets/{ticket.pk}/messages", {"kind": "note", "body": " "})
    assert empty.status_code == 422
    assert locs(empty) == [["body", "body"]]
    unknown = as_agent.post(f"/tickets/{ticket.pk}/messages", {"kind": "memo", "body": "x"})
    assert unknown.status_code == 422
    assert locs(unknown) == [["body", "kind"]]


def test_it_answers_404_for_messages_of_an_unknown_ticket(as_agent, db):
    assert as_agent.get("/tickets/999999/messages").status_code == 404
    assert (
        as_agent.post("/tickets/999999/messages", {"kind": "note", "body": "x"}).status_code == 404
    )
    assert as_agent.get("/tickets/999999/events").status_code == 404


def test_it_logs_every_change_made_through_the_api(as_agent, agent, contact):
    ticket_id = as_agent.post(
        "/tickets", {"subject": "Slow tiles", "body": "Slow.", "requester_id": contact.pk}
    ).json()["id"]
    as_agent.patch(f"/tickets/{ticket_id}", {"priority": "high", "assignee_id": agent.pk})
    as_agent.post(f"/tickets/{ticket_id}/messages", {"kind": "note", "body": "Checking CDN."})
    as_agent.post(f"/tickets/{ticket_id}/messages", {"kind": "reply", "body": "Looking into it."})

    events = as_agent.get(f"/tickets/{ticket_id}/events").json()
    assert [e["kind"] for e in events] == [
        EventKind.CREATED,
        EventKind.PRIORITY,
        EventKind.ASSIGNEE,
        EventKind.STATUS,
        EventKind.NOTED,
        EventKind.REPLIED,
    ]
    assert all(e["actor"]["id"] == agent.pk for e in events)
    priority = events[1]
    assert (priority["old"], priority["new"]) == ("normal", "high")
    assert events[4]["message_id"] is not None


def _file(name="fix.txt", data=b"Flush the tile cache.\n", content_type="text/plain"):
    import base64

    return {
        "filename": name,
        "content_type": content_type,
        "content_base64": base64.b64encode(data).decode(),
    }


def test_a_reply_carries_files_to_the_customer(as_agent, ticket, settings, tmp_path):
    from sunrelay.mail import outbox

    settings.MAIL_RELAY_HOST, settings.MAIL_OUT_DIR = "", tmp_path  # mail goes to files

    response = as_agent.post(
        f"/tickets/{ticket.pk}/messages",
        {"kind": "reply", "body": "The fix is attached.", "attachments": [_file()]},
    )
    assert response.status_code == 201, response.content
    [item] = response.json()["attachments"]
    assert (item["filename"], item["content_type"], item["size"]) == ("fix.txt", "text/plain", 22)
    download = as_agent.client.get(item["url"])
    assert download.status_code == 200 and download.content == b"Flush the tile cache.\n"
    assert download["Content-Disposition"] == 'attachment; filename="fix.txt"'
    listed = as_agent.get(f"/tickets/{ticket.pk}/messages").json()
    assert [a["filename"] for m in listed for a in m["attachments"]] == ["fix.txt"]
    outbox.send_one()
    [sent] = list(tmp_path.glob("*.eml"))
    assert b'filename="fix.txt"' in sent.read_bytes()


def test_files_that_are_not_base64_or_too_big_or_on_a_note_are_refused(as_agent, ticket, settings):
    path = f"/tickets/{ticket.pk}/messages"
    bad = {**_file(), "content_base64": "not base64!"}
    response = as_agent.post(path, {"kind": "reply", "body": "Here.", "attachments": [bad]})
    assert response.status_code == 422 and locs(response) == [["body", "attachments"]]
    settings.MAIL_MAX_ATTACHMENT_BYTES = 10
    response = as_agent.post(path, {"kind": "reply", "body": "Here.", "attachments": [_file()]})
    assert response.status_code == 422 and "at most" in response.json()["detail"][0]["msg"]
    response = as_agent.post(path, {"kind": "note", "body": "Here.", "attachments": [_file()]})
    assert response.status_code == 422 and locs(response) == [["body", "attachments"]]
    assert not Message.objects.filter(body_text="Here.").exists()


def test_attachments_of_tickets_one_may_not_see_are_not_found(api_as, as_agent, outsider, ticket):
    created = as_agent.post(
        f"/tickets/{ticket.pk}/messages",
        {"kind": "reply", "body": "Attached.", "attachments": [_file()]},
    ).json()
    url = created["attachments"][0]["url"]
    assert api_as(outsider).client.get(url).status_code in (403, 404)
    assert ApiClient().client.get(url).status_code == 401
