"""The role matrix (matrix.py) for Slack (docs/slack.md, slack/setup.py): leads and admins set
it up (the settings page and /slack/channels); Slack's endpoints answer only a request signed
with the signing secret, which the world does not set: not served to anyone."""

from __future__ import annotations

from tests.security.rules import DENIED, LEADS, MISSING, STAFF, Case, api, but, rule, web

UNSERVED = rule(*[MISSING] * 8)
CHANNEL = {"pk": "slack_channel:own"}
INSTALL = {"ticket_reaction": "ticket", "team_channel": ""}
MAPPING = {"channel_id": "C0NEW0001", "name": "new", "account": "0"}

WEB: list[Case] = [
    web("slack:settings", rules=LEADS),
    web("slack:save_install", "POST", rules=LEADS, data=INSTALL),
    web("slack:check", "POST", rules=LEADS),
    web("slack:add_channel", "POST", rules=LEADS, data=MAPPING),
    web("slack:remove_channel", "POST", CHANNEL, LEADS),
    web("slack_account:panel", args={"pk": "account:own"}),
    web("slack_account:panel", args={"pk": "account:other"}, rules=but(STAFF, sales=MISSING)),
    # Each person's own choice of Slack direct messages.
    web("slack_dm:choices"),
    web("slack_dm:choices", "POST", data={"kinds": ["assigned"]}),
    web("slack_endpoints:events", "POST", rules=UNSERVED, data={"type": "event_callback"}),
    web("slack_endpoints:interactions", "POST", rules=UNSERVED, data={"payload": "{}"}),
]

# Leads only; the others are refused before anything is looked up (403, not 404).
API_LEADS = rule(no_role=DENIED, sales=DENIED, support=DENIED, engineering=DENIED)
API: list[Case] = [
    api("GET /slack/channels", rules=API_LEADS),
    api(
        "POST /slack/channels",
        rules=API_LEADS,
        data={"channel_id": "C0NEW0002", "name": "new", "account_id": 1},
    ),  # fmt: skip
    api("DELETE /slack/channels/{mapping_id}", {"mapping_id": "slack_channel:own"}, API_LEADS),
]
