"""Discarded raw mail is kept for SUNRELAY_QUARANTINE_RETENTION_DAYS, then purged."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from sunrelay.mail.models import RawMessage, RawState

PURGE_BATCH = 500


def purge_one() -> bool:
    """Drain function: delete one batch of expired discarded mail. True if maybe more."""
    cutoff = timezone.now() - timedelta(days=settings.MAIL_QUARANTINE_RETENTION_DAYS)
    ids = list(
        RawMessage.objects.filter(state=RawState.DISCARDED, processed_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:PURGE_BATCH]
    )
    if ids:
        RawMessage.objects.filter(pk__in=ids, state=RawState.DISCARDED).delete()
    return len(ids) == PURGE_BATCH
