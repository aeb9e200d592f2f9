"""The worker's side of the Events API: claim a stored event (lib.leases), act on it, record
the outcome on its row. An event that fails is retried with back-off a few times and then
left failed with its reason, shown on the Slack settings page: never dropped silently.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from sunrelay.lib import leases
from sunrelay.slack import receive, threads
from sunrelay.slack.models import Kind, RawEvent, RawState

logger = logging.getLogger("sunrelay.slack")

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 5


def process_one() -> bool:
    """Drain function: process the oldest pending event. True when another may be waiting."""
    now = timezone.now()
    claimed = leases.claim_one(
        RawEvent,
        Q(state=RawState.PENDING, kind=Kind.EVENT),
        ("received_at", "id"),
        now=now,
        lease=LEASE,
        attempts=F("attempts") + 1,
    )
    if claimed is None:
        return False
    row, token = claimed
    try:
        outcome = threads.act(json.loads(row.body).get("event") or {})
    except Exception as exc:  # recorded on the row and retried; the worker goes on
        logger.exception("Slack event %s failed", row.dedup_key)
        state = RawState.FAILED if row.attempts >= MAX_ATTEMPTS else RawState.PENDING
        reason = f"{type(exc).__name__}: {exc}"[:300]
        leases.release(RawEvent.objects.filter(pk=row.pk), token, state=state, outcome=reason)
        return True
    done = outcome.ticket is not None or outcome.done
    state = RawState.PROCESSED if done else RawState.IGNORED
    if leases.release(RawEvent.objects.filter(pk=row.pk), token):
        receive.finish(row, state, outcome.words, outcome.ticket)
    return True
