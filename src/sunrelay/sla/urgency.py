""" "Most urgent first": a sort key from SLA time left, priority, tier, strategic flag, MRR.

Pure functions. The key is the next running deadline moved earlier by credits, so a
high-priority Enterprise ticket due in 3 h sorts before a Free ticket due in 1 h, and the
reasons list says exactly why.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

PRIORITY_CREDIT = {"urgent": 8 * 60, "high": 2 * 60, "normal": 0, "low": -4 * 60}
TIER_CREDIT = {"partner": 2 * 60, "enterprise": 2 * 60, "pro": 60, "basic": 0, "free": -60}
STRATEGIC_CREDIT = 2 * 60
# 30 minutes per tenfold of MRR above $100/month: $1,000 → 30 min, $10,000 → 60, $100,000 → 90.
MRR_CREDIT_PER_DECADE = 30
# Without a running deadline (no policy, or paused waiting for the customer) a ticket is
# placed as if due this long after its creation: still ordered by age, after most SLA work.
NO_DEADLINE_HORIZON = timedelta(days=3)
PAUSED_HORIZON = timedelta(days=30)


def mrr_credit(mrr: float) -> int:
    return (
        round(MRR_CREDIT_PER_DECADE * max(0.0, math.log10(max(mrr, 1) / 100))) if mrr > 100 else 0
    )


def urgency(
    *,
    next_deadline: datetime | None,
    next_metric: str,
    paused: bool,
    created_at: datetime,
    priority: str,
    tier: str | None,
    strategic: bool,
    mrr: float,
) -> tuple[datetime, list[dict]]:
    """The sort key and its reasons, each {"label", "minutes"} (minutes moved earlier)."""
    if next_deadline is not None:
        base = next_deadline
        reasons = [
            {"label": f"{next_metric.replace('_', ' ')} due", "at": next_deadline.isoformat()}
        ]
    elif paused:
        base = created_at + PAUSED_HORIZON
        reasons = [{"label": "waiting on the customer (SLA paused)", "at": base.isoformat()}]
    else:
        base = created_at + NO_DEADLINE_HORIZON
        reasons = [{"label": "no SLA deadline: placed by age", "at": base.isoformat()}]
    credits = [
        (f"priority {priority}", PRIORITY_CREDIT.get(priority, 0)),
        (f"{tier} tier" if tier else "no account", TIER_CREDIT.get(tier or "", 0)),
        ("strategic account", STRATEGIC_CREDIT if strategic else 0),
        (f"MRR ${mrr:,.0f}", mrr_credit(mrr)),
    ]
    total = 0
    for label, minutes in credits:
        if minutes:
            reasons.append({"label": label, "minutes": minutes})
            total += minutes
    return base - timedelta(minutes=total), reasons
