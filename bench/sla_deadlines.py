"""SLA deadline computations per second, and recomputing every open ticket of the demo.

Deadlines: a Madrid business calendar (09:00-18:00 weekdays) with the Spanish and
Comunidad de Madrid holidays of two years, random starts over two months, and targets up to
one week of business time (45 business hours): the one-week horizon the target names.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import holidays

from bench.results import Figure
from sunrelay.sla.calendar import BusinessCalendar, WeeklyInterval

ROOT = Path(__file__).resolve().parents[1]
COMPUTATIONS = 200_000


def madrid_calendar() -> BusinessCalendar:
    spain = holidays.country_holidays("ES", subdiv="MD", years=[2026, 2027])
    return BusinessCalendar(
        "Europe/Madrid", [WeeklyInterval(d, clock(9), clock(18)) for d in range(5)], spain.keys()
    )


def deadlines_per_second(runs: int) -> Figure:
    rng = random.Random(7)
    base = datetime(2026, 11, 1, tzinfo=UTC)
    work = [
        (base + timedelta(minutes=rng.randrange(60 * 24 * 61)), rng.randrange(1, 45 * 60))
        for _ in range(COMPUTATIONS)
    ]
    rates = []
    for _ in range(runs):
        cal = madrid_calendar()  # compiled lazily on first use, inside the timing
        started = time.perf_counter()
        for start, minutes in work:
            cal.add(start, minutes)
        rates.append(COMPUTATIONS / (time.perf_counter() - started))
    return Figure(
        "sla_deadlines",
        statistics.median(rates),
        "deadlines/s",
        COMPUTATIONS,
        note="one-week horizon, Madrid holidays",
    )


def recompute_demo(runs: int) -> Figure | None:
    """Seconds for `sunrelay sla recompute` over the demo's open tickets (fresh SQLite)."""
    with tempfile.TemporaryDirectory(prefix="sunrelay-bench-") as tmp:
        env = {
            **os.environ,
            "SUNRELAY_DATA_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "SUNRELAY_LOG_LEVEL": "WARNING",
        }
        cli = [sys.executable, "-m", "sunrelay.cli"]
        subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [*cli, "demo", "--quiet"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
        )
        code = (
            "import django, time; django.setup();"
            "from sunrelay.desk.models import Ticket, UNSOLVED_STATUSES;"
            "from django.core.management import call_command;"
            "n = Ticket.objects.filter(status__in=UNSOLVED_STATUSES).count();"
            "t = time.perf_counter(); call_command('sla', 'recompute', stdout=open('/dev/null', 'w'));"
            "print(n, time.perf_counter() - t)"
        )
        seconds, count = [], 0
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", code],
                env={**env, "DJANGO_SETTINGS_MODULE": "sunrelay.settings"},
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout.split()
            count, seconds = int(out[0]), [*seconds, float(out[1])]
    return Figure(
        "sla_recompute_demo", statistics.median(seconds), "s", count, note="every open demo ticket"
    )


def run(runs: int = 3) -> list[Figure]:
    return [deadlines_per_second(runs), recompute_demo(runs)]
