"""The demo's targets for the leadership report (reports.leadership_targets): what a support
lead might promise leadership. Created once (skipped when any target exists)."""

from __future__ import annotations

from collections import Counter

from sunrelay.reports import leadership_targets
from sunrelay.reports.models import ReportTarget

# (figure, tier, value in the figure's unit: shares 0-1, counts)
DEFAULTS = (
    ("answered", "", 0.95),
    ("first_reply_within", "", 0.90),
    ("first_reply_within", "enterprise", 0.95),
    ("resolution_within", "", 0.85),
    ("csat", "", 0.90),
    ("backlog_old", "", 10),
    ("after_hours", "", 2),
    ("technical_win", "", 0.60),
    ("over_budget", "", 0),
)


def load_report_targets(created: Counter) -> None:
    if ReportTarget.objects.exists():
        return
    for key, tier, value in DEFAULTS:
        leadership_targets.set_target(key, tier, value, None)
    created["report targets"] += len(DEFAULTS)
