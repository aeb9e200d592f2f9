"""Telemetry from a CSV file: a header naming the columns account, metric, value, time and
key (any order, more columns ignored); the account by id or exact name. Rows that cannot be
read are reported by line with the reason, and the others are stored (telemetry.ingest)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from sunrelay.accounts.models import Account
from sunrelay.health import telemetry

COLUMNS = ("account", "metric", "value", "time", "key")
MAX_ROWS = 50_000


@dataclass
class Report:
    created: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    problem: str = ""  # the whole file refused, in words


def read(text: str) -> Report:
    report = Report()
    rows = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in rows.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        report.problem = (
            f"The first line must name the columns {', '.join(COLUMNS)}; missing: "
            f"{', '.join(missing)}."
        )
        return report
    rows.fieldnames = header
    by_name = dict(Account.objects.values_list("name", "pk"))
    readings, lines = [], []
    for row in rows:
        line = rows.line_num
        if len(readings) + len(report.rejected) >= MAX_ROWS:
            report.problem = f"Only the first {MAX_ROWS:,} rows were read; split the file."
            break
        try:
            readings.append(_reading(row, by_name))
            lines.append(line)
        except ValueError as exc:
            report.rejected.append((line, str(exc)))
    outcome = telemetry.ingest(readings)
    report.created, report.duplicates = outcome.created, outcome.duplicates
    report.rejected += [(lines[position - 1], reason) for position, reason in outcome.rejected]
    report.rejected.sort()
    return report


def _reading(row: dict, by_name: dict[str, int]) -> telemetry.Reading:
    name = (row.get("account") or "").strip()
    account = int(name) if name.isdigit() and len(name) < 19 else by_name.get(name)
    if account is None:
        raise ValueError(f"No account is called {name[:100]!r}.")
    raw_value = (row.get("value") or "").strip()
    try:
        value = float(raw_value)
    except ValueError:
        raise ValueError(f"The value {raw_value[:40]!r} is not a number.") from None
    raw_time = (row.get("time") or "").strip()
    try:
        at = datetime.fromisoformat(raw_time.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"The time {raw_time[:40]!r} is not ISO 8601, e.g. 2026-03-02T09:00:00Z."
        ) from None
    metric = (row.get("metric") or "").strip()
    return telemetry.Reading((row.get("key") or "").strip(), account, metric, value, at)
