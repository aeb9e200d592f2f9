"""The weekly report over 1,000,000 generated tickets: `weekly_report_1m`, in seconds.

1,000,000 tickets over five years (260 weeks: about 3,800 a week, five times the demo team's
volume), with their event logs and report data, are written into a fresh SQLite file
(bench/reportgen.py; not timed, a few minutes). Then a separate process computes the weekly
review of the last full week (with the week before, the 12-week trend, the 21 breakdowns
and the coverage chart) `runs` times; the figure is the median. With BENCH_POSTGRES_URL (a
server where a throw-away database may be created) the same is measured on PostgreSQL.

The report reads only its weeks, so its time follows the tickets of a week, not the size of
the history: `--report-weeks 104` packs the same million into two years (about 9,500 a
week) and measures that denser desk (docs/metrics.md gives both figures).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.results import Figure

ROOT = Path(__file__).resolve().parents[1]
TICKETS = 1_000_000
WEEKS = 260


def _child(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def measure(database_url: str, data_dir: str, tickets: int, weeks: int, runs: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SUNRELAY_DATA_DIR": data_dir,
        "SUNRELAY_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "sunrelay.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),  # this tree first
    }
    _child(env, "-m", "sunrelay.cli", "migrate", "-v0")
    _child(
        env, "-m", "bench.reportgen", "generate", "--tickets", str(tickets), "--weeks", str(weeks)
    )
    out = _child(env, "-m", "bench.reportgen", "time", "--runs", str(runs), capture=True)
    return json.loads(out.strip().splitlines()[-1])


def _figure(name: str, result: dict, weeks: int, database: str) -> Figure:
    per_week = result["tickets"] / weeks
    return Figure(
        name,
        result["seconds"],
        "s",
        result["tickets"],
        note=f"{database}, {result['received']:,} tickets in {result['week']} (~{per_week:,.0f}/week)",
    )


def _postgres(
    base_url: str, tickets: int, weeks: int, runs: int, data_dir: str, name: str
) -> Figure:
    import psycopg

    database = "sunrelay_bench_reports"
    admin = base_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {database}")
        conn.execute(f"CREATE DATABASE {database}")
    try:
        url = base_url.rsplit("/", 1)[0] + f"/{database}"
        result = measure(url, data_dir, tickets, weeks, runs)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database}")
    return _figure(f"{name}_postgresql", result, weeks, "PostgreSQL")


def run(runs: int = 3, tickets: int = TICKETS, weeks: int = WEEKS) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="sunrelay-bench-reports-") as tmp:
        result = measure(f"sqlite:///{tmp}/reports.sqlite3", tmp, tickets, weeks, runs)
        name = "weekly_report_1m" if tickets == TICKETS else f"weekly_report_{tickets // 1000}k"
        if weeks != WEEKS:
            name += f"_{weeks}w"
        figures.append(_figure(name, result, weeks, "SQLite"))
        postgres = os.environ.get("BENCH_POSTGRES_URL", "")
        if postgres:
            figures.append(_postgres(postgres, tickets, weeks, runs, tmp, name))
    return figures
