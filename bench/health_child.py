"""The child of bench/health_scores.py: builds the accounts and their usage, then prints the
seconds of each scoring run, one a line. Run with DJANGO_SETTINGS_MODULE and DATABASE_URL set."""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

import django

django.setup()

from sunrelay.accounts.models import Account  # noqa: E402
from sunrelay.health.models import DailyUsage, HealthScore  # noqa: E402
from sunrelay.health.scores import score_all  # noqa: E402

DAY = date(2026, 12, 7)
BATCH = 5000


def build(accounts: int) -> None:
    rng = random.Random(20)  # noqa: S311 - benchmark data
    Account.objects.bulk_create(
        [Account(name=f"Bench {n:05d}", mrr=rng.randint(100, 20000)) for n in range(accounts)],
        batch_size=BATCH,
    )
    ids = list(Account.objects.values_list("pk", flat=True))
    rows = []
    for account in ids:
        calls, users = rng.randint(100, 1200), rng.randint(1, 15)
        for n in range(30):
            day = DAY - timedelta(days=n)
            rows.append(DailyUsage(account_id=account, metric="api_calls", day=day, total=calls))
            rows.append(DailyUsage(account_id=account, metric="active_users", day=day, total=users))
        if len(rows) >= 50_000:
            DailyUsage.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    DailyUsage.objects.bulk_create(rows, batch_size=BATCH)
    score_all(DAY - timedelta(days=1))


def main() -> None:
    accounts, runs = int(sys.argv[1]), int(sys.argv[2])
    build(accounts)
    for _ in range(runs):
        HealthScore.objects.filter(day=DAY).delete()
        started = time.perf_counter()
        scored = score_all(DAY)
        print(time.perf_counter() - started)
        assert scored == accounts, scored


if __name__ == "__main__":
    main()
