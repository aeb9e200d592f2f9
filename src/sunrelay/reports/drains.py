"""Worker drains of the reports (registered in ReportsConfig.ready)."""

from __future__ import annotations

from sunrelay.reports import refresh

# Tickets recomputed per call; the worker calls again at once while there are more.
BATCH = 200


def refresh_some() -> bool:
    """Recompute dirty tickets and tickets loaded in bulk. True when more may be waiting."""
    done = refresh.refresh_dirty(limit=BATCH)
    if done < BATCH:
        done += refresh.refresh_new()
    return done >= BATCH


def sweep() -> bool:
    """Compute any ticket still without report data (a full pass; runs rarely)."""
    refresh.refresh_missing()
    return False
