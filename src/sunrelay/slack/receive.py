"""The raw-first rule for Slack (as for mail): a verified request is stored before anything is
done with it and the request is answered at once; the worker processes the stored row.

- Stored once: Slack retries an event it thinks was lost with the same event_id; the retry
  finds its row and creates nothing (a duplicate, answered 200 so Slack stops retrying).
- Replays refused: a signature already stored was accepted before (slack.signing).
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.slack.models import RawEvent, RawState

STORED, DUPLICATE, REPLAY = "stored", "duplicate", "replay"


def store(kind: str, dedup_key: str, signature: str, body: bytes, *, state=RawState.PENDING):
    """(what happened, row): STORED with the new row, DUPLICATE or REPLAY with None."""
    if RawEvent.objects.filter(signature=signature).exists():
        return REPLAY, None
    if RawEvent.objects.filter(dedup_key=dedup_key).exists():
        return DUPLICATE, None
    try:
        with transaction.atomic():
            row = RawEvent.objects.create(
                kind=kind,
                dedup_key=dedup_key[:100],
                signature=signature[:100],
                body=body.decode("utf-8", "replace"),
                received_at=timezone.now(),
                state=state,
            )
    except IntegrityError:
        # The same request arrived twice at once: the other one stored it.
        return DUPLICATE, None
    return STORED, row


def digest(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def finish(row: RawEvent, state: str, outcome: str, ticket=None) -> None:
    RawEvent.objects.filter(pk=row.pk).update(
        state=state, outcome=outcome[:300], ticket=ticket, processed_at=timezone.now()
    )
