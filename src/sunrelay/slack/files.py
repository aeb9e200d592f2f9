"""Files shared in a Slack message become attachments of its desk message (files:read).

Each file is fetched from its `url_private_download` with the bot token, but only from Slack's
file host or the configured Web API host (tests' fake server): a payload naming any other
address is not followed. Files over the mail's per-message limit are left in Slack, counted.
"""

from __future__ import annotations

import logging
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

from sunrelay.mail.attachments import add_attachment
from sunrelay.slack.client import TIMEOUT, installation

logger = logging.getLogger("sunrelay.slack")

SLACK_FILE_HOSTS = {"files.slack.com"}


def _allowed(url: str) -> bool:
    parts, api = urlsplit(url), urlsplit(settings.SLACK_API_URL)
    if parts.scheme == "https" and parts.hostname in SLACK_FILE_HOSTS:
        return True
    return (parts.scheme, parts.netloc) == (api.scheme, api.netloc)


def _fetch(url: str, limit: int) -> bytes | None:
    request = urllib.request.Request(  # noqa: S310 - the scheme and host are checked above
        url, headers={"Authorization": f"Bearer {installation().bot_token}"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
        data = answer.read(limit + 1)
    return None if len(data) > limit else data


def attach(message, shared: list) -> str:
    """Attach the files; returns what was done in words for the event's outcome ("" if none)."""
    stored = left = 0
    budget = settings.MAIL_MAX_ATTACHMENT_BYTES
    for item in shared[:20]:
        url = str(item.get("url_private_download") or item.get("url_private") or "")
        if not _allowed(url):
            left += 1
            continue
        try:
            data = _fetch(url, budget)
        except OSError as exc:
            logger.warning("A Slack file could not be fetched: %s", type(exc).__name__)
            data = None
        if data is None:
            left += 1
            continue
        budget -= len(data)
        name = str(item.get("name") or item.get("title") or "file")[:200]
        add_attachment(message, name, str(item.get("mimetype") or ""), data)
        stored += 1
    words = f", {stored} file(s) attached" if stored else ""
    return words + (f", {left} file(s) left in Slack" if left else "")
