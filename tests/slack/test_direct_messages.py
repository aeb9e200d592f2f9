"""Notifications as Slack direct messages, for the kinds each person chose."""

from __future__ import annotations

from sunrelay.desk.services import update_ticket
from sunrelay.slack.models import CallState, OutgoingCall
from tests.slack.conftest import run_worker


def test_a_chosen_kind_comes_as_a_direct_message(client, installed, fake, agent, lead, ticket):
    client.force_login(agent)
    answer = client.post("/desk/settings/slack-notifications/", {"kinds": ["assigned"]})
    assert answer.status_code == 302
    update_ticket(ticket, lead, assignee=agent)
    run_worker()
    posted = fake.called("chat.postMessage")
    assert len(posted) == 1
    assert posted[0]["channel"] == "UALBA"
    assert f"/desk/tickets/{ticket.pk}/" in posted[0]["text"]
    assert "to_email" not in posted[0]


def test_nothing_comes_for_kinds_not_chosen_nor_to_strangers(
    client, installed, fake, agent, lead, ticket
):
    update_ticket(ticket, lead, assignee=agent)  # no choice made: the bell only
    assert not OutgoingCall.objects.exists()
    client.force_login(lead)
    client.post("/desk/settings/slack-notifications/", {"kinds": ["assigned"]})
    update_ticket(ticket, agent, assignee=lead)  # lucia@sunrelay.test is nobody in Slack
    run_worker()
    call = OutgoingCall.objects.get()
    assert call.state == CallState.FAILED
    assert "No Slack user" in call.last_error
    assert not fake.called("chat.postMessage")


def test_an_unknown_kind_is_refused(client, agent):
    client.force_login(agent)
    answer = client.post("/desk/settings/slack-notifications/", {"kinds": ["everything"]})
    assert answer.status_code == 422
