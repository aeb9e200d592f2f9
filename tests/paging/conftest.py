"""Paging fixtures: a small team with an on-call rotation, a policy, a loopback receiver."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sunrelay.paging.models import EscalationPolicy, EscalationStep, StepKind, Webhook
from tests.factories import make_staff
from tests.schedule.builders import make_rotation

# Wednesday 7 January 2026, 10:00 UTC: kai has the first week of the rotation.
T0 = datetime(2026, 1, 7, 10, tzinfo=UTC)


def build_team() -> dict:
    return {
        "kai": make_staff("kai", roles=["support"], time_zone="Europe/Madrid"),
        "noa": make_staff("noa", roles=["support"], time_zone="America/New_York"),
        "boss": make_staff("boss", roles=["support", "lead"], time_zone="Europe/Madrid"),
    }


def build_rotation(team):
    return make_rotation("Enterprise on-call", layers=[{"people": [team["kai"], team["noa"]]}])


def build_policy(team, rotation):
    """On call now; wait 5 min; the lead; wait 10 min; once more from the top."""
    policy = EscalationPolicy.objects.create(name="Urgent", repeat_times=1, is_default=True)
    return add_steps(
        policy,
        (StepKind.NOTIFY_ON_CALL, rotation),
        (StepKind.WAIT, 5),
        (StepKind.NOTIFY_PEOPLE, [team["boss"]]),
        (StepKind.WAIT, 10),
    )


@pytest.fixture
def oncall_team(db):
    return build_team()


@pytest.fixture
def oncall_rotation(oncall_team):
    return build_rotation(oncall_team)


def add_steps(policy, *steps):
    for position, (kind, value) in enumerate(steps):
        step = EscalationStep.objects.create(policy=policy, position=position, kind=kind)
        if kind == StepKind.WAIT:
            step.wait_minutes = value
        elif kind == StepKind.NOTIFY_ON_CALL:
            step.rotation = value
        elif kind == StepKind.NOTIFY_WEBHOOK:
            step.webhook = value
        else:
            step.people.set(value)
        step.save()
    return policy


@pytest.fixture
def policy(oncall_team, oncall_rotation):
    return build_policy(oncall_team, oncall_rotation)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 (a free port) that records what it is sent."""

    url: str = ""
    requests: list = field(default_factory=list)
    statuses: list = field(default_factory=list)  # answers to give, in order; then 200

    def bodies(self):
        return [json.loads(r["body"]) for r in self.requests]


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(
                {"path": self.path, "headers": dict(self.headers.items()), "body": body}
            )
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def chat_hook(db, receiver):
    return Webhook.objects.create(name="#support-urgent", kind="slack", url=receiver.url)


@pytest.fixture
def json_hook(db, receiver):
    return Webhook.objects.create(name="Incident bot", kind="json", url=receiver.url + "/json")
