"""One import run: read the source, write it (or, in a dry run, write it and roll it back, so
the counts and the not-mapped report are the real ones), and keep the run's record."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone

from sunrelay.moving.models import ImportRun
from sunrelay.moving.source import Export
from sunrelay.moving.writer import Options, Result, write

# The run's record keeps this many lines of the not-mapped report (the command prints all).
KEPT_LINES = 1000


class _DryRun(Exception):
    pass


def without_password(url: str) -> str:
    """A database URL fit to show and keep: its password left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = (parts.username or "") + ":…"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[2]}"))


def run(
    kind: str, location: str, read: Callable[[], Export], options: Options, *, dry_run: bool
) -> tuple[ImportRun, Result]:
    record = ImportRun(
        source=kind, location=location[:500], dry_run=dry_run, started_at=timezone.now()
    )
    options.dry_run = dry_run
    result = Result()
    try:
        export = read()
        options.progress(-len(export.tickets))  # a negative amount announces the total
        if not dry_run:  # a transaction per ticket: an interrupted run leaves whole tickets
            result = write(export, options)
        else:
            try:
                with transaction.atomic():
                    result = write(export, options)
                    raise _DryRun
            except _DryRun:
                pass
    except Exception as exc:
        record.error = str(exc) or exc.__class__.__name__
        raise
    finally:
        record.counts = dict(sorted(result.counts.items()))
        record.not_mapped = result.not_mapped[:KEPT_LINES]
        record.finished_at = timezone.now()
        record.save()
    return record, result
