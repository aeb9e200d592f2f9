"""Chat channels against a real local HTTP server: urgent tickets, SLA breaches and hand-offs
posted as Slack-compatible messages to the channels whose team and tier match; set up on the
lead's page and through the API."""

from __future__ import annotations

import json

from django.test import Client
from django.utils import timezone

from sunrelay.api.tokens import create_token
from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.services import update_ticket
from sunrelay.desk.services.events import record_handoff
from sunrelay.integrations import delivery
from sunrelay.integrations.models import Delivery, DeliveryState, Webhook
from sunrelay.sla.models import TicketSla
from sunrelay.sla.signals import breached
from tests.factories import make_account, make_contact, make_ticket
from tests.integrations.conftest import Receiver

ALL_CHAT = ["ticket.urgent", "sla.breached", "ticket.handed_off"]


def add_channel(client: Client, url: str, name="#support-urgent", **form) -> None:
    data = {"name": name, "url": url, "events": ALL_CHAT} | form
    answer = client.post("/desk/integrations/chat/new/", data)
    assert answer.status_code == 302, answer.content.decode()


def posted() -> list[dict]:
    while delivery.deliver_one():
        pass
    return [json.loads(got["body"]) for got in Receiver.received]


def test_an_urgent_ticket_is_posted_to_the_channel(server, lead, agent, ticket, client):
    client.force_login(lead)
    add_channel(client, server)
    update_ticket(ticket, agent, priority="high")  # not urgent: nothing
    update_ticket(ticket, agent, priority="urgent")
    (message,) = posted()
    assert "Urgent ticket" in message["text"] and f"#{ticket.pk}" in message["text"]
    assert "Acme Maps (Enterprise)" in message["text"]
    got = Receiver.received[0]["headers"]
    assert "X-Sunrelay-Signature" not in got  # a chat URL is its own secret
    sent = Delivery.objects.get()
    assert sent.event == "ticket.urgent" and sent.state == DeliveryState.SENT
    page = client.get("/desk/integrations/chat/").content.decode()
    assert "#support-urgent" in page and "HTTP 200" in page
    # the JSON webhooks' page lists neither the channel nor its messages
    assert "#support-urgent" not in client.get("/desk/integrations/webhooks/").content.decode()


def test_a_ticket_opened_urgent_goes_only_to_its_team_and_tier(server, lead, client, contact):
    client.force_login(lead)
    add_channel(client, server, name="#eng", levels=["engineering"])
    add_channel(client, server, name="#enterprise", tiers=["enterprise"])
    add_channel(client, server, name="#free", tiers=["free"])
    make_ticket(contact, subject="Everything is down", priority="urgent")
    sent = {row.webhook.name for row in Delivery.objects.select_related("webhook")}
    assert sent == {"#enterprise"}
    free = make_contact("Fay", "fay@free.test", account=make_account("Freebie", tier="free"))
    make_ticket(free, subject="Down too", priority="urgent", level="engineering")
    names = sorted(row.webhook.name for row in Delivery.objects.select_related("webhook"))
    assert names == ["#eng", "#enterprise", "#free"]


def test_breaches_and_hand_offs_are_posted(server, lead, agent, ticket, client):
    client.force_login(lead)
    add_channel(client, server)
    now = timezone.now()
    event = TicketEvent.objects.create(
        ticket=ticket, kind=EventKind.SLA_BREACHED, at=now, new={"metric": "first_reply"}
    )
    breached.send(
        sender=TicketSla, ticket=ticket, metric="first_reply", event=event, breached_at=now, now=now
    )
    record_handoff(ticket, agent.pk, lead.pk, "Madrid", "New York", at=now)
    texts = [message["text"] for message in posted()]
    assert any("SLA breached* (first reply)" in text for text in texts)
    assert any("Handed off* to New York" in text for text in texts)


def test_a_failed_post_is_retried_and_can_be_sent_again(server, lead, agent, ticket, client):
    client.force_login(lead)
    add_channel(client, server)
    Receiver.answers = [500]
    update_ticket(ticket, agent, priority="urgent")
    delivery.deliver_one()
    row = Delivery.objects.get()
    assert row.state == DeliveryState.QUEUED and row.response_status == 500
    Delivery.objects.update(next_attempt_at=timezone.now())
    assert posted()
    answer = client.post(f"/desk/integrations/deliveries/{row.pk}/send-again/")
    assert answer.status_code == 302 and answer.url == "/desk/integrations/chat/"
    assert Delivery.objects.count() == 2


def test_bad_input_is_refused_in_words(lead, client):
    client.force_login(lead)
    answer = client.post(
        "/desk/integrations/chat/new/",
        {"name": "", "url": "ftp://chat", "events": ["ticket.replied"], "tiers": ["gold"]},
    )
    page = answer.content.decode()
    assert answer.status_code == 422
    assert "Give the webhook a name" in page and "http(s)" in page and "gold" in page
    assert "ticket.replied" in page and not Webhook.objects.exists()


def test_the_api_sets_up_a_channel(server, lead, agent, ticket):
    token = create_token(lead, "test")[1]
    api = Client(headers={"Authorization": f"Bearer {token}"})
    made = api.post(
        "/api/v1/webhooks",
        {
            "name": "#l2",
            "url": server,
            "events": ["ticket.urgent"],
            "format": "slack",
            "levels": ["l2"],
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["format"] == "slack" and made.json()["levels"] == ["l2"]
    update_ticket(ticket, agent, priority="urgent")
    assert not Delivery.objects.exists()  # an L1 ticket
    update_ticket(ticket, agent, level="l2", priority="high")
    update_ticket(ticket, agent, priority="urgent")
    assert Delivery.objects.count() == 1


def test_only_leads_see_the_page(agent, sales, client):
    for user in (agent, sales):
        client.force_login(user)
        assert client.get("/desk/integrations/chat/").status_code == 403


def test_the_lead_removes_a_channel(lead, client):
    client.force_login(lead)
    add_channel(client, "https://chat.example.test/hooks/a")
    channel = Webhook.objects.get()
    answer = client.post(f"/desk/integrations/chat/{channel.pk}/remove/")
    assert answer.status_code == 302 and not Webhook.objects.exists()
