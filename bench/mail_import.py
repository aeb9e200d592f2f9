"""Mail import throughput and memory against parsing alone, on the same generated mbox.

Import runs in a child process on a fresh copy of a migrated SQLite database, so its peak
memory (ru_maxrss) is the import's own; it is measured on the full file and on a quarter of
it: flat memory means both peaks are about the same. An import leaves the SLA of its tickets
to the worker; the quarter-size run also measures how fast the worker catches up.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes, policy
from pathlib import Path

from bench.mailgen import write_mbox
from bench.results import Figure

ROOT = Path(__file__).resolve().parents[1]


def _env(data_dir: Path, db: Path) -> dict:
    return {
        **os.environ,
        "SUNRELAY_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "sunrelay.settings",
        "SUNRELAY_LOG_LEVEL": "WARNING",
    }


def parse_alone(mbox: Path) -> tuple[int, float, float]:
    """The reference: message_from_bytes(policy.default), subject and body text."""
    from sunrelay.mail.sources import iter_mbox

    count = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    with mbox.open("rb") as handle:
        for raw in iter_mbox(handle):
            msg = message_from_bytes(raw, policy=policy.default)
            subject = str(msg.get("subject", ""))
            body = msg.get_body(preferencelist=("plain", "html"))
            text = body.get_content() if body is not None else ""
            count += bool(subject) or bool(text)
    return count, time.perf_counter() - started, time.process_time() - cpu_started


def import_in_child(mbox: Path, template_db: Path, work: Path, *, sla_catch_up=False) -> dict:
    db = work / "run.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copyfile(template_db, db)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.import_child", str(mbox)],
        env={**_env(work, db), "BENCH_SLA_CATCH_UP": "1" if sla_catch_up else "0"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"The import child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(*, messages: int, runs: int) -> list[Figure]:
    from rich.console import Console

    console = Console(stderr=True)
    with tempfile.TemporaryDirectory(prefix="sunrelay-bench-") as tmp:
        work = Path(tmp)
        console.print(f"Generating a {messages:,}-message mbox …")
        mbox = write_mbox(work / "bench.mbox", messages)
        quarter = write_mbox(work / "quarter.mbox", messages // 4)
        console.print(f"  {mbox.stat().st_size / messages / 1024:.1f} KB a message on average")
        template = work / "template.sqlite3"
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "sunrelay.cli", "migrate", "--no-input", "-v", "0"],
            env=_env(work, template),
            cwd=ROOT,
            check=True,
        )
        parse_rates, import_rates, peaks, quarter_peaks, sla_rates = [], [], [], [], []
        # Per CPU second as well: on a shared machine wall-clock rates move with the load.
        cpu_parse, cpu_import = [], []
        for i in range(runs):
            count, seconds, cpu = parse_alone(mbox)
            parse_rates.append(count / seconds)
            cpu_parse.append(count / cpu)
            result = import_in_child(mbox, template, work)
            import_rates.append(result["received"] / result["seconds"])
            cpu_import.append(result["received"] / result["cpu_seconds"])
            peaks.append(result["maxrss_kib"] / 1024)
            small = import_in_child(quarter, template, work, sla_catch_up=True)
            quarter_peaks.append(small["maxrss_kib"] / 1024)
            sla_rates.append(small["sla_tickets"] / small["sla_seconds"])
            console.print(
                f"  run {i + 1}: parse {parse_rates[-1]:,.0f}/s, import {import_rates[-1]:,.0f}/s "
                f"({result['summary']}), peak {peaks[-1]:.0f} MiB "
                f"({quarter_peaks[-1]:.0f} MiB for a quarter of the file); the worker's SLA "
                f"catch-up {sla_rates[-1]:,.0f} tickets/s; per CPU second: parse "
                f"{cpu_parse[-1]:,.0f}, import {cpu_import[-1]:,.0f}"
            )
        console.print(
            f"Median per CPU second: parse {statistics.median(cpu_parse):,.0f}, import "
            f"{statistics.median(cpu_import):,.0f}"
        )
    parse_rate = statistics.median(parse_rates)
    import_rate = statistics.median(import_rates)
    return [
        Figure(
            "mail_import_rate",
            round(import_rate, 1),
            "messages/s",
            messages,
            round(parse_rate, 1),
            f"{import_rate / parse_rate:.0%} of parsing alone; SQLite",
        ),
        Figure(
            "mail_import_sla_catch_up",
            round(statistics.median(sla_rates), 1),
            "tickets/s",
            messages // 4,
            None,
            "the worker computing the SLA of freshly imported tickets (sla.refresh_stale)",
        ),
        Figure(
            "mail_parse_alone_rate",
            round(parse_rate, 1),
            "messages/s",
            messages,
            None,
            "message_from_bytes(policy.default) + subject + body",
        ),
        Figure(
            "mail_import_peak_memory",
            round(statistics.median(peaks), 1),
            "MiB",
            messages,
            round(statistics.median(quarter_peaks), 1),
            f"peak RSS; compared with {messages // 4:,} messages",
        ),
    ]
