"""Outgoing webhooks against a real local HTTP server: the body as posted, its signature, the
retries with backoff, the delivery log and "send again"; set up through the API."""

from __future__ import annotations

import json
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from sunrelay.api.tokens import create_token
from sunrelay.desk.services import reply, update_ticket
from sunrelay.integrations import delivery
from sunrelay.integrations.models import Delivery, DeliveryState
from sunrelay.paging.webhooks import verify
from tests.integrations.conftest import Receiver


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {create_token(user, 'test')[1]}"})


def add_hook(lead, url, events=("ticket.replied", "ticket.assigned")) -> dict:
    made = api(lead).post(
        "/api/v1/webhooks",
        {"name": "Ops bridge", "url": url, "events": list(events)},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    return made.json()


def test_a_reply_is_posted_signed(server, lead, agent, ticket):
    hook = add_hook(lead, server)
    reply(ticket, agent, "We are on it.")
    update_ticket(ticket, agent, priority="high")  # not subscribed: nothing goes out
    assert Delivery.objects.count() == 1
    assert delivery.deliver_one() is True
    (got,) = Receiver.received
    headers = got["headers"]
    assert headers["X-Sunrelay-Event"] == "ticket.replied"
    assert verify(
        hook["secret"],
        headers["X-Sunrelay-Signature"],
        headers["X-Sunrelay-Timestamp"],
        got["body"],
        timezone.now(),
    )
    body = json.loads(got["body"])
    assert body["event"] == "ticket.replied" and body["ticket"]["id"] == ticket.pk
    sent = Delivery.objects.get()
    assert sent.state == DeliveryState.SENT and sent.response_status == 200
    assert delivery.deliver_one() is False


def test_failures_are_retried_with_backoff_then_given_up(server, lead, agent, ticket):
    add_hook(lead, server)
    reply(ticket, agent, "We are on it.")
    Receiver.answers = [503]
    delivery.deliver_one()
    row = Delivery.objects.get()
    assert row.state == DeliveryState.QUEUED and row.attempts == 1 and row.response_status == 503
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=25)
    assert delivery.deliver_one() is False  # not due yet
    Delivery.objects.update(next_attempt_at=timezone.now())
    Receiver.answers = [410]
    delivery.deliver_one()
    row.refresh_from_db()
    assert row.state == DeliveryState.FAILED and "410" in row.last_error
    assert len(Receiver.received) == 2
    assert Receiver.received[0]["headers"]["X-Sunrelay-Delivery"] == row.key


def test_an_unreachable_receiver_is_retried(lead, agent, ticket):
    add_hook(lead, "http://127.0.0.1:9/nobody")
    reply(ticket, agent, "We are on it.")
    delivery.deliver_one()
    row = Delivery.objects.get()
    assert row.state == DeliveryState.QUEUED and row.attempts == 1 and row.last_error


def test_the_log_and_send_again(server, lead, agent, ticket, client):
    hook = add_hook(lead, server)
    update_ticket(ticket, agent, assignee=agent)
    delivery.deliver_one()
    listed = api(lead).get(f"/api/v1/webhooks/{hook['id']}/deliveries").json()
    assert listed["count"] == 1 and listed["items"][0]["event"] == "ticket.assigned"
    client.force_login(lead)
    page = client.get("/desk/integrations/webhooks/").content.decode()
    assert "Assignee changed" in page and "HTTP 200" in page
    first = Delivery.objects.get()
    assert client.post(f"/desk/integrations/deliveries/{first.pk}/send-again/").status_code == 302
    delivery.deliver_one()
    assert len(Receiver.received) == 2
    again = Delivery.objects.exclude(pk=first.pk).get()
    assert again.resent_from == first and again.key != first.key
    assert json.loads(Receiver.received[1]["body"])["delivery"] == again.key


def test_the_api_refuses_in_words(lead, agent):
    bad = api(lead).post(
        "/api/v1/webhooks",
        {"name": "x", "url": "ftp://example.test/", "events": ["ticket.replied"]},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "http(s)" in json.dumps(bad.json())
    unknown = api(lead).post(
        "/api/v1/webhooks",
        {"name": "x", "url": "https://example.test/", "events": ["ticket.exploded"]},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert api(agent).get("/api/v1/webhooks").status_code == 403
    made = add_hook(lead, "https://example.test/in")
    changed = api(lead).patch(
        f"/api/v1/webhooks/{made['id']}", {"active": False}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["active"] is False
    assert "secret" not in changed.json()
    assert api(lead).delete(f"/api/v1/webhooks/{made['id']}").status_code == 204


def test_sla_warnings_and_breaches_go_out(server, lead, ticket):
    from sunrelay.desk.models import EventKind, TicketEvent
    from sunrelay.integrations import listeners  # the SLA app's signals, as it sends them
    from sunrelay.sla.signals import breached, warned

    add_hook(lead, server, events=("sla.warning", "sla.breached"))
    now = timezone.now()
    for kind, signal in ((EventKind.SLA_WARNING, warned), (EventKind.SLA_BREACHED, breached)):
        event = TicketEvent.objects.create(ticket=ticket, kind=kind, at=now, new={"metric": "x"})
        signal.send(sender=None, ticket=ticket, metric="x", breached_at=now, now=now, event=event)
    assert listeners is not None
    assert list(Delivery.objects.order_by("id").values_list("event", flat=True)) == [
        "sla.warning",
        "sla.breached",
    ]
