"""Scoring 10,000 accounts for a day (`health_score_all_10k`, target ≤ 2 s on SQLite).

A fresh SQLite database (migrated, so the default scorecard of eight measures and both alert
rules) gets 10,000 accounts and 30 days of daily usage of two metrics (600,000 roll-up rows),
and the day before scored, so trends and the alert rules have a previous score to read. Each
run scores the day (scores, parts, alerts written); its scores are deleted between runs,
outside the timing. The child process (bench/health_child.py) does the work and the timing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.results import Figure

ROOT = Path(__file__).resolve().parents[1]
ACCOUNTS = 10_000


def run(runs: int = 3, accounts: int = ACCOUNTS) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="sunrelay-bench-health-") as tmp:
        env = {
            **os.environ,
            "SUNRELAY_DATA_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/health.sqlite3",
            "SUNRELAY_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "sunrelay.settings",
        }
        cli = [sys.executable, "-m", "sunrelay.cli"]
        subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        out = subprocess.run(
            [sys.executable, "-m", "bench.health_child", str(accounts), str(runs)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split()
    seconds = [float(s) for s in out]
    return [
        Figure(
            "health_score_all_10k",
            statistics.median(seconds),
            "s",
            accounts,
            note="SQLite; 8 measures, 30 days of usage, alerts",
        )
    ]
