"""Telemetry intake: usage figures per account from the API and CSV files, written once.

- Each reading carries a client's key; a key seen before is a duplicate and changes nothing
  (a resent batch, a retried request). Two readings with one key in a batch: the first counts.
- A reading is refused, in words, when its account does not exist, its metric is not a short
  lower-case name, its value is not a finite number, or its time has no zone or is out of
  reach (lib.bounds). A refused reading refuses nothing else.
- Every new reading is added to its account's daily roll-up (DailyUsage: the UTC day's sum and
  count) in the same transaction, so the roll-ups always equal the readings.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Q

from sunrelay.accounts.models import Account
from sunrelay.health.models import MAX_KEY, DailyUsage, TelemetryEvent
from sunrelay.lib import bounds

METRIC = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Reading:
    key: str
    account_id: int
    metric: str
    value: float
    at: datetime


@dataclass
class Outcome:
    created: int = 0
    duplicates: int = 0
    # (position in the input, 1-based; the reason in words)
    rejected: list[tuple[int, str]] = field(default_factory=list)


def problem(reading: Reading, accounts: set[int]) -> str | None:
    """Why `reading` is refused, or None."""
    if not reading.key or len(reading.key) > MAX_KEY or "\x00" in reading.key:
        return f"The key must be 1 to {MAX_KEY} characters."
    if reading.account_id not in accounts:
        return f"No account has the id {reading.account_id}."
    if not METRIC.match(reading.metric):
        return (
            "The metric must be a lower-case name of up to 64 letters, digits, dots, dashes "
            f"or underscores, starting with a letter (got {reading.metric[:70]!r})."
        )
    if not math.isfinite(reading.value):
        return "The value must be a finite number."
    if reading.at.tzinfo is None:
        return "The time needs its offset from UTC, e.g. 2026-03-02T09:00:00Z."
    try:
        bounds.check_moment(reading.at)
    except ValueError as exc:
        return str(exc)
    return None


def ingest(readings: list[Reading]) -> Outcome:
    """Store the readings not seen before and roll them up; see the module's rules."""
    outcome = Outcome()
    ids = {r.account_id for r in readings if 0 < r.account_id < bounds.MAX_ID}
    known = set(Account.objects.filter(pk__in=ids).values_list("pk", flat=True))
    fresh: dict[str, Reading] = {}
    for position, reading in enumerate(readings, start=1):
        reason = problem(reading, known)
        if reason:
            outcome.rejected.append((position, reason))
        elif reading.key in fresh:
            outcome.duplicates += 1
        else:
            fresh[reading.key] = reading
    with transaction.atomic():
        seen = set(
            TelemetryEvent.objects.filter(client_key__in=list(fresh)).values_list(
                "client_key", flat=True
            )
        )
        new = [r for key, r in fresh.items() if key not in seen]
        outcome.duplicates += len(fresh) - len(new)
        TelemetryEvent.objects.bulk_create(
            [
                TelemetryEvent(
                    client_key=r.key,
                    account_id=r.account_id,
                    metric=r.metric,
                    value=r.value,
                    at=r.at,
                )
                for r in new
            ],
            batch_size=1000,
        )
        _roll_up(new)
    outcome.created = len(new)
    return outcome


def _roll_up(readings: list[Reading]) -> None:
    sums: dict[tuple, list] = defaultdict(lambda: [0.0, 0])
    for r in readings:
        slot = sums[(r.account_id, r.metric, r.at.astimezone(UTC).date())]
        slot[0] += r.value
        slot[1] += 1
    if not sums:
        return
    days = [key[2] for key in sums]
    candidates = DailyUsage.objects.filter(
        Q(account_id__in={k[0] for k in sums}),
        Q(metric__in={k[1] for k in sums}),
        Q(day__gte=min(days), day__lte=max(days)),
    )
    existing = {(d.account_id, d.metric, d.day): d for d in candidates.select_for_update()}
    changed, new = [], []
    for key, (total, count) in sums.items():
        row = existing.get(key)
        if row is None:
            new.append(
                DailyUsage(account_id=key[0], metric=key[1], day=key[2], total=total, events=count)
            )
        else:
            row.total += total
            row.events += count
            changed.append(row)
    DailyUsage.objects.bulk_create(new, batch_size=1000)
    DailyUsage.objects.bulk_update(changed, ["total", "events"], batch_size=1000)
