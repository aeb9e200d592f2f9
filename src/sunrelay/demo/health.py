"""The demo's customer health: six months of daily product usage (API calls, active users)
for every account, steady with noise for most; the SLIDING accounts with a customer engineer
(highest MRR first) lose most of their usage over the last six weeks and renew within two
months of the anchor day; the others renew four months to a year after it. Scored every Monday
for the six months and on the anchor day, through health's services, so the history, the
trend, what moved and the alerts' tasks are there on the first page view. Telemetry keys are
fixed, so a second run adds nothing; scores of a day are replaced in place."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from sunrelay.accounts.models import Account
from sunrelay.health import defaults, scores, telemetry
from sunrelay.health.models import HealthAlert, HealthScore, TelemetryEvent

DAYS = 182
SLIDING = 3
SLIDE_DAYS = 42


def load_health(plan, created: Counter) -> None:
    defaults.ensure_defaults()
    rng = random.Random(f"{plan.seed}-health")  # noqa: S311 - demo data
    anchor = plan.anchor.date()
    first = anchor - timedelta(days=DAYS - 1)
    accounts = list(Account.objects.order_by("-mrr", "name"))
    sliding = {a.pk for a in [a for a in accounts if a.ce_id is not None][:SLIDING]}
    _renewals(accounts, sliding, anchor, rng)
    before = TelemetryEvent.objects.count()
    for account in accounts:
        calls, users = rng.randint(450, 1100), rng.randint(6, 14)
        readings = []
        for n in range(DAYS):
            day = first + timedelta(days=n)
            share = _share(anchor, day) if account.pk in sliding else 1.0
            at = datetime.combine(day, time(23), tzinfo=UTC)
            for metric, level in (("api_calls", calls), ("active_users", users)):
                value = round(level * share * rng.uniform(0.85, 1.15))
                key = f"demo-{account.name}-{metric}-{day}"
                readings.append(telemetry.Reading(key, account.pk, metric, value, at))
        telemetry.ingest(readings)
    created["telemetry readings"] += TelemetryEvent.objects.count() - before
    alerts, scored = HealthAlert.objects.count(), HealthScore.objects.count()
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    while monday < anchor:
        scores.score_all(monday)
        monday += timedelta(days=7)
    scores.score_all(anchor)
    created["health scores"] += HealthScore.objects.count() - scored
    created["health alerts"] += HealthAlert.objects.count() - alerts


def _renewals(accounts, sliding: set[int], anchor, rng: random.Random) -> None:
    """Each account's renewal date, drawn the same way on every run."""
    for account in accounts:
        days = rng.randint(40, 60) if account.pk in sliding else rng.randint(120, 365)
        Account.objects.filter(pk=account.pk).update(renewal_on=anchor + timedelta(days=days))


def _share(anchor, day) -> float:
    """The sliding accounts' usage: all of it until the slide, then down to a quarter."""
    left = (anchor - day).days
    if left >= SLIDE_DAYS:
        return 1.0
    return 0.25 + 0.75 * left / SLIDE_DAYS
