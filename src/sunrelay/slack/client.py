"""slack_sdk's WebClient for this desk: the stored bot token, the configured base URL (tests
point it at a local fake Web API), short timeouts.

Reads the worker makes while processing an event (users.info, conversations.history) retry
once on a 429 after Slack's Retry-After (slack_sdk's handler); posting goes through the
outgoing queue instead (slack.outgoing), which reschedules rather than sleeps.
"""

from __future__ import annotations

from django.conf import settings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from sunrelay.slack.models import Installation

TIMEOUT = 10


def installation() -> Installation:
    return Installation.objects.get_or_create(pk=1)[0]


def client(token: str | None = None, *, retry_rate_limits: bool = True) -> WebClient:
    handlers = [ConnectionErrorRetryHandler(max_retry_count=1)]
    if retry_rate_limits:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    return WebClient(
        token=installation().bot_token if token is None else token,
        base_url=settings.SLACK_API_URL,
        timeout=TIMEOUT,
        retry_handlers=handlers,
    )


def masked(secret: str) -> str:
    """A credential as the pages show it: its last four characters only."""
    if not secret:
        return "not set"
    return f"…{secret[-4:]}" if len(secret) > 12 else "set"
