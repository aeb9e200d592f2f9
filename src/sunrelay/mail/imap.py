"""Polling IMAP mailboxes (stdlib imaplib: UID SEARCH, FETCH, MOVE or a keyword).

Each message is stored (and processed) before it is moved to the processed folder or
flagged, so a crash in between means the next poll sees it again and de-duplication by
Message-ID or raw bytes makes the second delivery a no-op.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings

from sunrelay.mail import intake
from sunrelay.mail.models import Source

logger = logging.getLogger("sunrelay.mail.imap")

KEYWORD = "$SunrelayImported"
# Messages fetched per folder per pass; the rest wait for the next pass.
PER_PASS = 200
TIMEOUT = 60


@dataclass
class PollResult:
    fetched: int = 0
    summary: intake.Summary | None = None


def configured() -> bool:
    return bool(settings.MAIL_IMAP_HOST)


def poll_interval() -> float:
    return float(max(5, settings.MAIL_IMAP_POLL_SECONDS))


def poll_drain() -> bool:
    """Drain function: one pass over the configured folders. Never 'more': runs on an interval."""
    if configured():
        try:
            poll()
        except (imaplib.IMAP4.error, OSError) as exc:
            # The server's words, never the password (imaplib does not echo it).
            logger.warning("IMAP poll of %s failed: %s", settings.MAIL_IMAP_HOST, exc)
    return False


def connect() -> imaplib.IMAP4:
    host, port, mode = settings.MAIL_IMAP_HOST, settings.MAIL_IMAP_PORT, settings.MAIL_IMAP_SECURITY
    if mode == "ssl":
        client = imaplib.IMAP4_SSL(
            host, port, ssl_context=ssl.create_default_context(), timeout=TIMEOUT
        )
    else:
        client = imaplib.IMAP4(host, port, timeout=TIMEOUT)
        if mode == "starttls":
            client.starttls(ssl_context=ssl.create_default_context())
    client.login(settings.MAIL_IMAP_USER, settings.MAIL_IMAP_PASSWORD)
    return client


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def poll() -> intake.Summary:
    summary = intake.Summary()
    client = connect()
    try:
        for folder in settings.MAIL_IMAP_FOLDERS:
            _poll_folder(client, folder, summary)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return summary


def _poll_folder(client: imaplib.IMAP4, folder: str, summary: intake.Summary) -> None:
    status, _ = client.select(_quote(folder))
    if status != "OK":
        logger.warning("IMAP folder %s cannot be selected", folder)
        return
    processed = settings.MAIL_IMAP_PROCESSED_FOLDER
    criteria = "ALL" if processed else f"UNKEYWORD {KEYWORD}"
    status, data = client.uid("SEARCH", None, criteria)
    if status != "OK":
        return
    uids = data[0].split()[:PER_PASS] if data and data[0] else []
    can_move = "MOVE" in client.capabilities
    if processed:
        client.create(_quote(processed))  # fails harmlessly when it exists
    for uid in uids:
        raw = _fetch(client, uid)
        if raw is None:
            continue
        result = intake.receive(raw, source=Source.IMAP)
        summary.add(result.outcome)
        _mark_done(client, uid, processed, can_move)
    if processed and not can_move and uids:
        client.expunge()


def _fetch(client: imaplib.IMAP4, uid: bytes) -> bytes | None:
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK" or not data:
        return None
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and re.search(rb"BODY\[\]", item[0]):
            return item[1]
    return None


def _mark_done(client: imaplib.IMAP4, uid: bytes, processed: str, can_move: bool) -> None:
    if processed:
        if can_move:
            client.uid("MOVE", uid, _quote(processed))
        else:
            client.uid("COPY", uid, _quote(processed))
            client.uid("STORE", uid, "+FLAGS.SILENT", "(\\Deleted)")
    else:
        client.uid("STORE", uid, "+FLAGS.SILENT", f"(\\Seen {KEYWORD})")
