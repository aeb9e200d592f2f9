"""The two forms as Slack shortcuts: signed interactions to /slack/interactions/."""

from __future__ import annotations

import json

from sunrelay.slack.models import RawEvent
from sunrelay.success.models import ContextNote, SupportRequest
from tests.slack.conftest import CHANNEL, run_worker, send_interaction


def _submission(callback_id: str, values: dict, user_id="UALBA", metadata="{}") -> dict:
    state = {name: {name: {"type": "plain_text_input", "value": value}}
             for name, value in values.items()}  # fmt: skip
    return {"type": "view_submission", "team": {"id": "T0001", "domain": "sunrelay"},
            "user": {"id": user_id}, "view": {"id": "V1", "callback_id": callback_id,
            "private_metadata": metadata, "state": {"values": state}}}  # fmt: skip


def test_a_message_shortcut_opens_the_context_form_with_the_fields_of_the_brief(
    client, installed, fake
):
    payload = {"type": "message_action", "callback_id": "support_context",
               "trigger_id": "13345224609.738474920.8088930838d88f008e0",
               "team": {"id": "T0001", "domain": "sunrelay"}, "user": {"id": "UALBA"},
               "channel": {"id": CHANNEL, "name": "acme-support"},
               "message": {"type": "message", "user": "UCARLA", "ts": "1700000001.000100",
                           "text": "Blank tiles"}}  # fmt: skip
    answer = send_interaction(client, payload)
    assert answer.status_code == 200
    opened = fake.called("views.open")
    assert len(opened) == 1
    view = opened[0]["view"]
    view = json.loads(view) if isinstance(view, str) else view
    labels = [block["label"]["text"] for block in view["blocks"]]
    assert labels == [
        "Customer name",
        "Link to issue (chat / tracker / ticket #)",
        "Background information or anything that would help",
    ]
    link = view["blocks"][1]["element"]["initial_value"]
    assert link == f"https://sunrelay.slack.com/archives/{CHANNEL}/p1700000001000100"
    assert json.loads(view["private_metadata"])["account"] is not None


def test_a_global_shortcut_opens_the_request_form(client, installed, fake):
    payload = {"type": "shortcut", "callback_id": "support_request", "trigger_id": "1.2.3",
               "team": {"id": "T0001", "domain": "sunrelay"}, "user": {"id": "UALBA"}}  # fmt: skip
    send_interaction(client, payload)
    view = fake.called("views.open")[0]["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert [b["block_id"] for b in view["blocks"]] == [
        "customer_name", "issue_link", "ask", "why", "if_not", "timing", "anything_else",
    ]  # fmt: skip
    assert [b["optional"] for b in view["blocks"]][-2:] == [True, True]


def test_submitting_the_context_form_creates_a_context_note_and_confirms(
    client, installed, fake, agent, account
):
    values = {"customer_name": "Acme Maps", "issue_link": "https://acme.slack.com/archives/C1/p1",
              "background": "Their tiles broke after the 4.2 upgrade."}  # fmt: skip
    answer = send_interaction(client, _submission("support_context", values))
    assert answer.status_code == 200
    assert answer.content == b""  # the modal closes
    note = ContextNote.objects.get()
    assert (note.author, note.account, note.customer_name) == (agent, account, "Acme Maps")
    run_worker()
    confirmation = fake.called("chat.postMessage")[0]
    assert confirmation["channel"] == "UALBA"
    assert f"/desk/success/accounts/{account.pk}/" in confirmation["text"]


def test_submitting_the_request_form_files_a_request(client, installed, fake, agent):
    values = {"customer_name": "Globex", "issue_link": "#4711", "ask": "Prioritise the fix",
              "why": "Renewal next month", "if_not": "They may churn", "timing": "",
              "anything_else": ""}  # fmt: skip
    send_interaction(client, _submission("support_request", values))
    row = SupportRequest.objects.get()
    assert (row.requester, row.ask, row.account) == (agent, "Prioritise the fix", None)
    run_worker()
    assert f"/desk/success/requests/{row.pk}/" in fake.called("chat.postMessage")[0]["text"]


def test_a_form_with_errors_or_from_a_stranger_answers_errors_in_words(client, installed, fake):
    values = {"customer_name": "Acme\nMaps", "issue_link": "x", "background": "y"}
    answer = send_interaction(client, _submission("support_context", values))
    assert answer.json()["response_action"] == "errors"
    assert "customer_name" in answer.json()["errors"]
    answer = send_interaction(client, _submission("support_context", values, user_id="UCARLA"))
    assert "not the address of a Sunrelay log-in" in answer.json()["errors"]["customer_name"]
    assert not ContextNote.objects.exists()
    assert RawEvent.objects.count() == 2  # both stored, with their outcomes
