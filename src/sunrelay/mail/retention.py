"""Discarded raw mail is kept for SUNRELAY_QUARANTINE_RETENTION_DAYS, then purged, its file too.

A raw message's file belongs to its row alone (mail.files), so it goes with it: rows first,
then their files, in one transaction. A re-delivery of the same bytes waits on the row's
unique dedup key until the purge has committed, then writes the file anew. A purge that dies
after deleting some files rolls its rows back; the next run deletes the rest (deleting a
missing file is no error), and meanwhile `sunrelay storage check` would list them as missing.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sunrelay.mail import files
from sunrelay.mail.models import RawMessage, RawState

PURGE_BATCH = 500


def purge_one() -> bool:
    """Drain function: delete one batch of expired discarded mail. True if maybe more."""
    cutoff = timezone.now() - timedelta(days=settings.MAIL_QUARANTINE_RETENTION_DAYS)
    expired = RawMessage.objects.filter(state=RawState.DISCARDED, processed_at__lt=cutoff)
    with transaction.atomic():
        rows = list(expired.values_list("pk", "storage_name")[:PURGE_BATCH])
        if rows:
            RawMessage.objects.filter(
                pk__in=[pk for pk, _ in rows], state=RawState.DISCARDED
            ).delete()
            files.delete(name for _, name in rows)
    return len(rows) == PURGE_BATCH
