"""The Slack tests' world: a fake Web API on a loopback port, the installation pointing at it,
Acme's shared channel, and helpers that post correctly signed requests to the real endpoints."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest

from sunrelay.lib import worker
from sunrelay.slack import setup, signing
from sunrelay.slack.client import installation
from tests.slack.fake_slack import FakeSlack, user

SECRET = "8f742231b10e8888abcd99111222a5a5"
CHANNEL = "C0ACME01"


@pytest.fixture
def fake(settings):
    server = FakeSlack().start()
    settings.SLACK_API_URL = server.url
    server.users["UCARLA"] = user("UCARLA", "Carla Customer", "carla@acme.test")
    server.users["UALBA"] = user("UALBA", "Alba", "alba@sunrelay.test")
    yield server
    server.stop()


@pytest.fixture
def installed(db, fake, lead, account):
    setup.save(lead, bot_token=fake.token, signing_secret=SECRET, ticket_reaction="ticket")
    setup.verify()
    setup.map_channel(lead, channel_id=CHANNEL, account=account, name="acme-support")
    return installation()


def event_body(event: dict, event_id: str = "Ev0001") -> bytes:
    return json.dumps({
        "token": "unused", "team_id": "T0001", "api_app_id": "A0001", "type": "event_callback",
        "event_id": event_id, "event_time": int(time.time()), "event": event,
    }).encode()  # fmt: skip


def post_signed(client, path: str, body: bytes, content_type: str, *, stamp=None, secret=SECRET):
    headers = signing.sign(secret, body, stamp)
    return client.generic(
        "POST", path, body, content_type=content_type,
        headers={k: v for k, v in headers.items()},
    )  # fmt: skip


def send_event(client, event: dict, event_id: str = "Ev0001", **kwargs):
    body = event_body(event, event_id)
    return post_signed(client, "/slack/events/", body, "application/json", **kwargs)


def send_interaction(client, payload: dict, **kwargs):
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return post_signed(
        client, "/slack/interactions/", body, "application/x-www-form-urlencoded", **kwargs
    )


def message(text: str, ts: str, user_id: str = "UCARLA", **more) -> dict:
    return {"type": "message", "channel": CHANNEL, "user": user_id, "text": text, "ts": ts,
            "event_ts": ts, "channel_type": "channel", **more}  # fmt: skip


def run_worker() -> None:
    worker.run_until_idle(["slack.process_events", "slack.send_calls"])
