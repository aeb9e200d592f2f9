"""`sunrelay check`'s words on Slack: nothing when it is not set up; otherwise the token is
tried against the Web API (auth.test) and a refusal is an error."""

from __future__ import annotations

from sunrelay.slack.client import installation
from sunrelay.slack.setup import verify


def slack_findings() -> list[tuple[str, str]]:
    row = installation()
    if not row.bot_token and not row.signing_secret:
        return []
    if not row.bot_token or not row.signing_secret:
        return [("error", "Slack is half set up: paste both the bot token and the signing secret.")]
    ok, words = verify(row)
    return [] if ok else [("error", f"Slack: {words}")]
