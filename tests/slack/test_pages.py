"""The Slack settings page, the account page's panel, and `sunrelay check`."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sunrelay.slack.client import installation
from sunrelay.slack.models import SharedChannel
from tests.slack.conftest import CHANNEL, SECRET


def test_a_lead_pastes_the_credentials_which_are_never_shown_again(client, lead, fake, caplog):
    client.force_login(lead)
    answer = client.post(
        "/desk/settings/slack/install/",
        {"bot_token": fake.token, "signing_secret": SECRET, "ticket_reaction": ":ticket:"},
    )
    assert answer.status_code == 302
    row = installation()
    assert (row.bot_token, row.signing_secret, row.ticket_reaction) == (
        fake.token,
        SECRET,
        "ticket",
    )
    page = client.get("/desk/settings/slack/").content.decode()
    assert fake.token not in page and SECRET not in page
    assert "…" + fake.token[-4:] in page
    client.post("/desk/settings/slack/check/")
    assert installation().team_id == "T0001"
    assert fake.called("auth.test")
    # A blank field keeps what is stored.
    client.post("/desk/settings/slack/install/", {"ticket_reaction": "admission_tickets"})
    assert installation().bot_token == fake.token
    assert fake.token not in caplog.text and SECRET not in caplog.text


def test_bad_credentials_are_refused_in_words(client, lead):
    client.force_login(lead)
    answer = client.post(
        "/desk/settings/slack/install/",
        {"bot_token": "xoxp-user-token", "signing_secret": "nope", "ticket_reaction": "ticket"},
    )
    assert answer.status_code == 422
    assert "starts with xoxb-" in answer.content.decode()
    assert "hexadecimal" in answer.content.decode()
    assert installation().bot_token == ""


def test_only_leads_see_the_settings(client, agent):
    client.force_login(agent)
    assert client.get("/desk/settings/slack/").status_code == 403


def test_mapping_a_channel_shows_on_the_account_page(client, lead, account):
    client.force_login(lead)
    answer = client.post(
        "/desk/settings/slack/channels/",
        {"channel_id": CHANNEL, "name": "#acme-support", "account": account.pk},
    )
    assert answer.status_code == 302
    again = client.post(
        "/desk/settings/slack/channels/", {"channel_id": CHANNEL, "account": account.pk}
    )
    assert again.status_code == 422
    assert "mapped already" in again.content.decode()
    panel = client.get(f"/desk/accounts/{account.pk}/slack/").content.decode()
    assert "Shared Slack channel" in panel and "#acme-support" in panel
    row = SharedChannel.objects.get()
    client.post(f"/desk/settings/slack/channels/{row.pk}/remove/")
    assert (
        "No shared Slack channel"
        in client.get(f"/desk/accounts/{account.pk}/slack/").content.decode()
    )


def test_the_api_maps_and_unmaps_channels(client, lead, account):
    client.force_login(lead)
    created = client.post(
        "/api/v1/slack/channels",
        {"channel_id": CHANNEL, "name": "acme-support", "account_id": account.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["account_name"] == "Acme Maps"
    listed = client.get("/api/v1/slack/channels").json()
    assert [c["channel_id"] for c in listed] == [CHANNEL]
    bad = client.post(
        "/api/v1/slack/channels",
        {"channel_id": "nonsense", "account_id": account.pk},
        content_type="application/json",
    )
    assert bad.status_code == 422
    gone = client.delete(f"/api/v1/slack/channels/{created.json()['id']}")
    assert gone.status_code == 204
    assert not SharedChannel.objects.exists()


def test_sunrelay_check_tries_the_token(installed, fake, capsys):
    call_command("configcheck")
    fake.token = "xoxb-rotated"  # the stored token was revoked
    with pytest.raises(CommandError):
        call_command("configcheck")
    assert "Slack refused the token: invalid_auth" in capsys.readouterr().out
