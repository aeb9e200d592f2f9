"""Delivering page notifications to webhooks: Slack-compatible chat and signed JSON.

Deliveries are PagingNotification rows claimed like the mail outbox (lib/leases.py), posted
with urllib, retried with backoff on network errors, 429 and 5xx answers, and given up after
MAX_ATTEMPTS or on any other 4xx. A delivery whose worker died mid-POST is posted again after
SUNRELAY_WEBHOOK_LEASE_SECONDS with the same X-Sunrelay-Delivery id, so receivers can drop
the repeat.

JSON bodies are signed: X-Sunrelay-Signature is "sha256=" + the hex HMAC-SHA256, keyed with
the webhook's secret, of "<X-Sunrelay-Timestamp>.<body>". Receivers recompute it, compare in
constant time and refuse timestamps more than five minutes old (see verify()).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind
from sunrelay.lib import leases
from sunrelay.lib.retry import retry_on_busy
from sunrelay.paging.models import Channel, NotificationState, PagingNotification, WebhookKind

logger = logging.getLogger("sunrelay.paging.webhooks")

TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 8
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)
# Receivers refuse signatures older than this (replays).
TOLERANCE = timedelta(minutes=5)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(secret: str, signature: str, timestamp: str, body: bytes, now: datetime) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now.timestamp() - sent) > TOLERANCE.total_seconds():
        return False
    return hmac.compare_digest(sign(secret, sent, body), signature or "")


def backoff(attempts: int) -> timedelta:
    return leases.backoff(attempts, BACKOFF_FIRST, BACKOFF_MAX)


def lease() -> timedelta:
    return timedelta(seconds=settings.PAGING_WEBHOOK_LEASE_SECONDS)


def _due(now: datetime) -> Q:
    # A delivery left "sending" is due again once its claim is free: its worker died.
    return Q(channel__in=[Channel.SLACK, Channel.JSON]) & (
        Q(state=NotificationState.QUEUED, next_attempt_at__lte=now)
        | Q(state=NotificationState.SENDING)
    )


def claim(now: datetime | None = None) -> tuple[PagingNotification, str] | None:
    """Take one due delivery for this worker; None when nothing is due. Each claim is an attempt."""
    now = now or timezone.now()
    return leases.claim_one(
        PagingNotification,
        _due(now),
        ("next_attempt_at", "id"),
        now=now,
        lease=lease(),
        related=("webhook", "run__ticket"),
        state=NotificationState.SENDING,
        attempts=F("attempts") + 1,
    )


def _claimed(note: PagingNotification):
    return PagingNotification.objects.filter(pk=note.pk, state=NotificationState.SENDING)


class Refused(Exception):
    """The receiver said no for good (a 4xx other than 429)."""


def post(note: PagingNotification, now: datetime) -> None:
    hook = note.webhook
    if hook is None or not hook.url.lower().startswith(("http://", "https://")):
        raise Refused("The webhook is gone or its URL is not http(s).")
    body = json.dumps(note.payload, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Sunrelay paging",
        "X-Sunrelay-Delivery": note.key,
    }
    if hook.kind == WebhookKind.JSON:
        stamp = int(now.timestamp())
        headers["X-Sunrelay-Timestamp"] = str(stamp)
        headers["X-Sunrelay-Signature"] = sign(hook.secret, stamp, body)
    request = urllib.request.Request(hook.url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read(1024)
    except urllib.error.HTTPError as exc:
        if 400 <= exc.code < 500 and exc.code != 429:
            raise Refused(f"HTTP {exc.code} {exc.reason}") from exc
        raise


def deliver_one() -> bool:
    """Drain function: post one due webhook notification. True when another may be due."""
    claimed = claim()
    if claimed is None:
        return False
    note, token = claimed
    now = timezone.now()
    try:
        post(note, now)
    except Refused as refused:
        reason = str(refused)
        retry_on_busy(lambda: _fail(note, token, reason))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        if note.attempts >= MAX_ATTEMPTS:
            retry_on_busy(
                lambda: _fail(note, token, f"Gave up after {note.attempts} attempts; {error}")
            )
        else:
            retry_on_busy(lambda: _retry(note, token, error))
    else:
        retry_on_busy(lambda: _sent(note, token))
    return True


def _sent(note: PagingNotification, token: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        marked = leases.release(
            _claimed(note), token, state=NotificationState.SENT, sent_at=now, last_error=""
        )
        if marked:
            _record(note, f"Posted the page to {note.target}", now)


def _retry(note: PagingNotification, token: str, error: str) -> None:
    leases.release(
        _claimed(note),
        token,
        state=NotificationState.QUEUED,
        next_attempt_at=timezone.now() + backoff(note.attempts),
        last_error=error[:2000],
    )
    logger.info("Webhook %s: attempt %s failed (%s); will retry", note.key, note.attempts, error)


def _fail(note: PagingNotification, token: str, error: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        marked = leases.release(
            _claimed(note), token, state=NotificationState.FAILED, last_error=error[:2000]
        )
        if marked:
            _record(note, f"Could not post the page to {note.target}: {error}", now)
    logger.warning("Webhook %s failed: %s", note.key, error)


def _record(note: PagingNotification, summary: str, now: datetime) -> None:
    desk.record_event(
        note.run.ticket,
        EventKind.NOTIFIED,
        at=now,
        new={
            "run": note.run_id,
            "notification": note.pk,
            "channel": note.channel,
            "target": note.target,
            "summary": summary,
        },
    )
