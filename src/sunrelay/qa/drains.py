"""The worker's scheduled import of the configured sources (QaSource), one source a call."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from sunrelay.qa import fetch
from sunrelay.qa.models import QaSource
from sunrelay.qa.sync import import_questions

logger = logging.getLogger("sunrelay.qa")


def interval() -> float:
    return float(max(60, settings.QA_IMPORT_SECONDS))


def run(source: QaSource) -> str:
    """Import one source now; records the outcome on it and returns it in words."""
    now = timezone.now()
    try:
        summary = import_questions(fetch.load(source.url), site=source.site, tag=source.tag)
    except fetch.FetchError as exc:
        QaSource.objects.filter(pk=source.pk).update(last_run_at=now, last_error=str(exc))
        logger.warning("Q&A import of %s failed: %s", source, exc)
        return str(exc)
    result = summary.sentence()
    errors = "; ".join(summary.refused)
    QaSource.objects.filter(pk=source.pk).update(
        last_run_at=now, last_result=result[:300], last_error=errors
    )
    return result


def import_due() -> bool:
    """Drain function: import the active source waited on longest, if it is due. True when
    another may be due."""
    due_before = timezone.now() - timedelta(seconds=interval())
    due = QaSource.objects.filter(active=True).filter(
        Q(last_run_at__isnull=True) | Q(last_run_at__lte=due_before)
    )
    source = due.order_by("last_run_at", "id").first()
    if source is None:
        return False
    # Stamped first: a source that keeps failing is retried at the next interval, not at once.
    if not QaSource.objects.filter(pk=source.pk, last_run_at=source.last_run_at).update(
        last_run_at=timezone.now()
    ):
        return True  # another worker took it
    run(source)
    return True
