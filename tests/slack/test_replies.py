"""Agents' replies go to the Slack thread through the durable queue; notes never do."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.desk.services import reply
from sunrelay.mail.models import Outbox
from sunrelay.slack.models import CallState, OutgoingCall, SlackMessage
from tests.slack.conftest import CHANNEL, message, run_worker, send_event


def _slack_ticket(client) -> Ticket:
    send_event(client, message("Blank tiles", "1700000001.000100"))
    run_worker()
    return Ticket.objects.get()


def test_a_public_reply_is_posted_in_the_thread_as_the_agent(client, installed, fake, agent):
    ticket = _slack_ticket(client)
    answer = reply(ticket, agent, "Clearing the tile cache fixes it.")
    reply(ticket, agent, "Internal: cache bug again", public=False)
    run_worker()
    posts = fake.called("chat.postMessage")
    assert len(posts) == 1
    assert posts[0]["channel"] == CHANNEL
    assert posts[0]["thread_ts"] == "1700000001.000100"
    assert posts[0]["text"] == "Clearing the tile cache fixes it."
    assert posts[0]["username"] == "Alba"
    assert "Internal" not in str(fake.calls)
    call = OutgoingCall.objects.get()
    assert call.state == CallState.SENT
    # The posted message is known, so Slack's echo of it is not read back as the customer's.
    assert SlackMessage.objects.get(message=answer).thread_ts == "1700000001.000100"
    # The reply went to Slack, not by e-mail.
    assert not Outbox.objects.filter(desk_message=answer).exists()


def test_a_rate_limited_call_waits_for_retry_after(client, installed, fake, agent):
    ticket = _slack_ticket(client)
    fake.rate_limited["chat.postMessage"] = 1
    reply(ticket, agent, "Try again now.")
    run_worker()
    call = OutgoingCall.objects.get()
    assert call.state == CallState.QUEUED
    assert call.attempts == 0  # a rate limit is not a failure
    assert "wait 7 s" in call.last_error
    wait = (call.next_attempt_at - timezone.now()).total_seconds()
    assert 5 < wait <= 7
    run_worker()
    assert len(fake.called("chat.postMessage")) == 1  # only the 429 so far
    with time_machine.travel(timezone.now() + timedelta(seconds=8)):
        run_worker()
    call.refresh_from_db()
    assert call.state == CallState.SENT
    assert len(fake.called("chat.postMessage")) == 2


def test_a_call_slack_refuses_fails_with_its_error(client, installed, fake, agent):
    ticket = _slack_ticket(client)
    fake.token = "xoxb-revoked"  # the stored token no longer works
    reply(ticket, agent, "Hello?")
    run_worker()
    call = OutgoingCall.objects.get()
    assert call.state == CallState.FAILED
    assert call.last_error == "invalid_auth"


def test_a_network_failure_is_retried_with_back_off(client, installed, fake, agent, settings):
    ticket = _slack_ticket(client)
    settings.SLACK_API_URL = "http://127.0.0.1:9/api/"  # nothing listens there
    reply(ticket, agent, "Hello?")
    run_worker()
    call = OutgoingCall.objects.get()
    assert call.state == CallState.QUEUED
    assert call.attempts == 1
    assert call.next_attempt_at > timezone.now() + timedelta(seconds=20)
