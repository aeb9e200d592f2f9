"""Page notifications posted to a real HTTP receiver on loopback: Slack-compatible chat and
signed JSON, with retries."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine

from sunrelay.paging import services, steps, webhooks
from sunrelay.paging.models import EscalationPolicy, PagingNotification, StepKind
from tests.paging.conftest import T0, add_steps
from tests.paging.helpers import run_worker


def at(minutes: float):
    return time_machine.travel(T0 + timedelta(minutes=minutes), tick=False)


@pytest.fixture
def hooks_policy(db, chat_hook, json_hook):
    policy = EscalationPolicy.objects.create(name="Hooks", is_default=True)
    return add_steps(
        policy, (StepKind.NOTIFY_WEBHOOK, chat_hook), (StepKind.NOTIFY_WEBHOOK, json_hook)
    )


def test_chat_and_json_webhooks_receive_the_page(hooks_policy, receiver, json_hook, ticket, agent):
    with at(0):
        run = services.page(ticket, agent, "Tiles are down for Acme")
        run_worker()
    assert [r["path"] for r in receiver.requests] == ["/hook", "/hook/json"]
    chat, doc = receiver.bodies()
    assert "Tiles are down for Acme" in chat["text"]
    assert "/ack/" in chat["text"] and f"#{ticket.pk}" in chat["text"]
    assert doc["event"] == "page" and doc["ticket"]["id"] == ticket.pk
    assert doc["run"]["id"] == run.pk and doc["ticket"]["tier"] == "enterprise"
    assert doc["run"]["acknowledge_url"].startswith("http://")
    summaries = [e.new["summary"] for e in ticket.events.filter(kind="notified").order_by("id")]
    assert "Posted the page to #support-urgent" in summaries
    assert "Posted the page to Incident bot" in summaries


def test_the_json_webhook_is_signed_and_timestamped(
    hooks_policy, receiver, json_hook, ticket, agent
):
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    request = receiver.requests[1]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    signature, stamp = headers["x-sunrelay-signature"], headers["x-sunrelay-timestamp"]
    assert signature.startswith("sha256=") and int(stamp) == int(T0.timestamp())
    assert webhooks.verify(json_hook.secret, signature, stamp, request["body"], T0)
    # Tampered, wrong secret, or replayed later: refused.
    assert not webhooks.verify(json_hook.secret, signature, stamp, request["body"] + b" ", T0)
    assert not webhooks.verify("other", signature, stamp, request["body"], T0)
    assert not webhooks.verify(
        json_hook.secret, signature, stamp, request["body"], T0 + timedelta(minutes=6)
    )
    assert headers["x-sunrelay-delivery"].startswith("run")
    # The chat webhook carries no signature: its URL is its secret.
    assert "X-Sunrelay-Signature" not in receiver.requests[0]["headers"]


def test_a_failing_receiver_is_retried_with_backoff(receiver, chat_hook, ticket, agent):
    policy = EscalationPolicy.objects.create(name="Chat only", is_default=True)
    add_steps(policy, (StepKind.NOTIFY_WEBHOOK, chat_hook))
    receiver.statuses = [503, 500]  # the first two posts fail
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    note = PagingNotification.objects.get(webhook=chat_hook)
    assert note.state == "queued" and note.attempts == 1 and "503" in note.last_error
    with at(0.4):
        run_worker()
    note.refresh_from_db()
    assert note.attempts == 1  # not due again before 30 s
    with at(0.6):
        run_worker()
    with at(1.7):
        run_worker()
    note.refresh_from_db()
    assert (note.state, note.attempts) == ("sent", 3)
    assert [r["path"] for r in receiver.requests].count("/hook") == 3


def test_a_refusing_receiver_fails_once_and_says_so_on_the_ticket(
    hooks_policy, receiver, ticket, agent
):
    receiver.statuses = [404]
    with at(0):
        services.page(ticket, agent, "Outage")
        run_worker()
    with at(60):
        run_worker()
    failed = PagingNotification.objects.get(state="failed")
    assert failed.attempts == 1 and "404" in failed.last_error
    assert any(
        "Could not post the page to #support-urgent" in e.new["summary"]
        for e in ticket.events.filter(kind="notified")
    )


def test_a_delivery_held_by_a_dead_worker_is_posted_after_its_lease(
    hooks_policy, receiver, ticket, agent
):
    with at(0):
        services.page(ticket, agent, "Outage")
        while steps.advance_one():
            pass
        assert webhooks.claim() is not None  # the worker dies holding it
        run_worker()
    assert [r["path"] for r in receiver.requests] == ["/hook/json"]
    with at(2.5):
        run_worker()
    assert sorted(r["path"] for r in receiver.requests) == ["/hook", "/hook/json"]
    assert json.loads(receiver.requests[-1]["body"])["text"]


def test_the_webhook_lease_is_the_configured_one(hooks_policy, receiver, ticket, agent, settings):
    settings.PAGING_WEBHOOK_LEASE_SECONDS = 600
    with at(0):
        services.page(ticket, agent, "Outage")
        while steps.advance_one():
            pass
        held, _token = webhooks.claim()  # the worker dies holding it
    with at(9.9):
        run_worker()
    assert PagingNotification.objects.get(pk=held.pk).state == "sending"
    with at(10.1):
        run_worker()
    assert PagingNotification.objects.get(pk=held.pk).state == "sent"
    assert PagingNotification.objects.get(pk=held.pk).attempts == 2
