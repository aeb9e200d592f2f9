""" "Most urgent first": which tickets need work first, and why. Pure functions.

The order has three groups, in this order (sunrelay.sla.queues turns it into SQL):

1. Tickets with a running clock (ok, warning or breached), by their next deadline moved
   earlier by credits for priority, tier, strategic flag and MRR: a high-priority
   Enterprise ticket due in 3 h sorts before a Free ticket due in 1 h.
2. Tickets with no running clock (every target met or stopped, or no policy), by age and
   the next target they would get: placed as if due their policy's next-reply target after
   they were opened (three days without one), moved by the same credits. A ticket whose
   clocks are all met never sorts above one whose clock runs, however old it is.
3. Tickets waiting on the customer or on hold, the same way as group 2.

The key is a fixed time, so the order does not depend on when it is read and the queue
sorts on one stored column; the reasons list says exactly why.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sunrelay.lib.formatting import duration_hm

PRIORITY_CREDIT = {"urgent": 8 * 60, "high": 2 * 60, "normal": 0, "low": -4 * 60}
TIER_CREDIT = {"partner": 2 * 60, "enterprise": 2 * 60, "pro": 60, "basic": 0, "free": -60}
STRATEGIC_CREDIT = 2 * 60
# 30 minutes per tenfold of MRR above $100/month: $1,000 → 30 min, $10,000 → 60, $100,000 → 90.
MRR_CREDIT_PER_DECADE = 30
# A ticket with no running clock and no next-reply target is placed as if due this long
# after it was opened.
NO_TARGET_HORIZON = timedelta(days=3)


def mrr_credit(mrr: float) -> int:
    return (
        round(MRR_CREDIT_PER_DECADE * max(0.0, math.log10(max(mrr, 1) / 100))) if mrr > 100 else 0
    )


def _idle_base(
    created_at: datetime, next_reply_minutes: int | None, paused: bool
) -> tuple[datetime, str]:
    """Where a ticket with no running clock is placed before credits, and the words for it."""
    if paused:
        label = "waiting on the customer (SLA paused)"
    elif next_reply_minutes:
        target = duration_hm(next_reply_minutes * 60)
        label = f"no running SLA clock: by age and next reply target {target}"
    else:
        label = "no SLA deadline: placed by age"
    if next_reply_minutes:
        return created_at + timedelta(minutes=next_reply_minutes), label
    return created_at + NO_TARGET_HORIZON, label


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
    next_reply_minutes: int | None = None,
) -> tuple[datetime, list[dict]]:
    """The sort key within the ticket's group and its reasons, each {"label", "at"} (the
    base) or {"label", "minutes"} (minutes moved earlier). `next_deadline` is the earliest
    running deadline (None: no clock runs, group 2 or 3); `next_reply_minutes` the next-reply
    target of the ticket's policy, if it has one."""
    if next_deadline is not None:
        base = next_deadline
        reasons = [
            {"label": f"{next_metric.replace('_', ' ')} due", "at": next_deadline.isoformat()}
        ]
    else:
        base, label = _idle_base(created_at, next_reply_minutes, paused)
        reasons = [{"label": label, "at": base.isoformat()}]
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
