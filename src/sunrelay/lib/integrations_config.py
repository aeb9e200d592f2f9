"""The integrations' settings (docs/configuration.md, docs/integrations.md), read from the
environment: the trackers' webhook secrets, whether bug-fixed notices skip review, the token
that guards /metrics. Kept apart from settings.py so that it reads as one decision; the
secrets are never logged."""

from __future__ import annotations

from sunrelay.lib.env import ConfigError, envbool, envstr


def integrations(errors: list[str]) -> tuple[str, str, str, bool]:
    """(GitHub secret, GitLab token, metrics token, send notices unreviewed); problems are
    appended to `errors` in words."""
    try:
        auto_send = envbool("SUNRELAY_BUG_NOTICE_AUTO_SEND", False)
    except ConfigError as exc:
        errors.append(str(exc))
        auto_send = False
    metrics_token = envstr("SUNRELAY_METRICS_TOKEN", "")
    if metrics_token and len(metrics_token) < 16:
        errors.append("SUNRELAY_METRICS_TOKEN is shorter than 16 characters.")
    return (
        envstr("SUNRELAY_GITHUB_WEBHOOK_SECRET", ""),
        envstr("SUNRELAY_GITLAB_WEBHOOK_TOKEN", ""),
        metrics_token,
        auto_send,
    )
