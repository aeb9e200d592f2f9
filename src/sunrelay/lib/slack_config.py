"""The Slack channel's settings (docs/slack.md, docs/configuration.md), read from the
environment. The bot token and the signing secret are not here: a lead pastes them on the
Slack settings page and they are stored in the database (slack.Installation)."""

from __future__ import annotations

from sunrelay.lib.env import ConfigError, envbool, envint, envstr


def slack(errors: list[str]) -> tuple[str, int, bool]:
    """(Web API base URL, attempts of an outgoing call, whether a shared channel puts its
    account in the strategic segment); problems appended to `errors`."""
    base_url = envstr("SUNRELAY_SLACK_API_URL", "https://slack.com/api/")
    if not base_url.startswith(("https://", "http://")):
        errors.append(f"SUNRELAY_SLACK_API_URL must be an http(s) URL, not {base_url!r}.")
        base_url = "https://slack.com/api/"
    try:
        attempts = envint("SUNRELAY_SLACK_MAX_ATTEMPTS", 8)
    except ConfigError as exc:
        errors.append(str(exc))
        attempts = 8
    if attempts < 1:
        errors.append(f"SUNRELAY_SLACK_MAX_ATTEMPTS must be 1 or more, not {attempts}.")
        attempts = 8
    try:
        shared_strategic = envbool("SUNRELAY_SLACK_SHARED_CHANNEL_STRATEGIC", True)
    except ConfigError as exc:
        errors.append(str(exc))
        shared_strategic = True
    return base_url if base_url.endswith("/") else base_url + "/", attempts, shared_strategic
