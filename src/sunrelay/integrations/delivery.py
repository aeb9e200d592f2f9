"""Posting outgoing webhook deliveries: the worker's drain (registered in apps.py).

Claimed like the mail outbox (lib/leases.py), posted with urllib, retried with backoff
(30 s doubling to 30 min) on network errors, 429 and 5xx answers, and given up after
MAX_ATTEMPTS or on any other 4xx. A delivery whose worker died mid-POST is posted again after
the lease with the same X-Sunrelay-Delivery id, so receivers can drop the repeat. Bodies are
signed as paging's JSON webhooks are (paging.webhooks.sign, .verify: the receiver's side);
chat channels' Slack-style messages go unsigned, as paging's chat pages do.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from sunrelay.integrations.models import Delivery, DeliveryState, WebhookFormat
from sunrelay.lib import leases
from sunrelay.lib.retry import retry_on_busy
from sunrelay.paging.webhooks import sign

logger = logging.getLogger("sunrelay.integrations.delivery")

TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 8
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)


def backoff(attempts: int) -> timedelta:
    return leases.backoff(attempts, BACKOFF_FIRST, BACKOFF_MAX)


def lease() -> timedelta:
    return timedelta(seconds=settings.PAGING_WEBHOOK_LEASE_SECONDS)


def claim(now: datetime | None = None) -> tuple[Delivery, str] | None:
    now = now or timezone.now()
    # A delivery left "sending" is due again once its claim is free: its worker died.
    due = Q(state=DeliveryState.QUEUED, next_attempt_at__lte=now) | Q(state=DeliveryState.SENDING)
    return leases.claim_one(
        Delivery,
        due,
        ("next_attempt_at", "id"),
        now=now,
        lease=lease(),
        related=("webhook",),
        state=DeliveryState.SENDING,
        attempts=F("attempts") + 1,
    )


class Refused(Exception):
    """The receiver said no for good (a 4xx other than 429), or the webhook is off."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def post(delivery: Delivery, now: datetime) -> int:
    """POST the signed body; the receiver's status."""
    hook = delivery.webhook
    if not hook.active or not hook.url.lower().startswith(("http://", "https://")):
        raise Refused("The webhook is switched off or its URL is not http(s).")
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    stamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Sunrelay webhooks",
        "X-Sunrelay-Event": delivery.event,
        "X-Sunrelay-Delivery": delivery.key,
    }
    # A chat channel's URL is its secret (Slack's incoming webhooks check no signature).
    if hook.format == WebhookFormat.JSON:
        headers["X-Sunrelay-Timestamp"] = str(stamp)
        headers["X-Sunrelay-Signature"] = sign(hook.secret, stamp, body)
    request = urllib.request.Request(hook.url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read(1024)
            return response.status
    except urllib.error.HTTPError as exc:
        if 400 <= exc.code < 500 and exc.code != 429:
            raise Refused(f"HTTP {exc.code} {exc.reason}", exc.code) from exc
        raise


def _claimed(delivery: Delivery):
    return Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING)


def deliver_one() -> bool:
    """Drain function: post one due delivery. True when another may be due."""
    claimed = claim()
    if claimed is None:
        return False
    delivery, token = claimed
    now = timezone.now()
    rows = _claimed(delivery)
    try:
        status = post(delivery, now)
    except Refused as refused:
        error, code = str(refused), refused.status
        retry_on_busy(
            lambda: leases.release(
                rows, token, state=DeliveryState.FAILED, last_error=error, response_status=code
            )
        )
        logger.warning("Webhook delivery %s refused: %s", delivery.key, error)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        code = exc.code if isinstance(exc, urllib.error.HTTPError) else None
        if delivery.attempts >= MAX_ATTEMPTS:
            error = f"Gave up after {delivery.attempts} attempts; {error}"
            changes = {"state": DeliveryState.FAILED}
        else:
            changes = {
                "state": DeliveryState.QUEUED,
                "next_attempt_at": now + backoff(delivery.attempts),
            }
        retry_on_busy(
            lambda: leases.release(rows, token, last_error=error, response_status=code, **changes)
        )
        logger.info("Webhook delivery %s attempt %s failed", delivery.key, delivery.attempts)
    else:
        retry_on_busy(
            lambda: leases.release(
                rows,
                token,
                state=DeliveryState.SENT,
                sent_at=timezone.now(),
                response_status=status,
                last_error="",
            )
        )
    return True
