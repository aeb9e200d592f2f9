"""The shared results file: later benchmarks add their figures beside these, by name."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    scale: int  # size of the workload measured (for the mail figures: messages in the mbox)
    peer_value: float | None = None  # the figure it is compared with, when one was measured
    note: str = ""  # shown in the table only


def save(figures: list[Figure], path: Path = RESULTS) -> Path:
    try:
        existing = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        existing = []
    by_name = {entry["name"]: entry for entry in existing if isinstance(entry, dict)}
    for figure in figures:
        entry = asdict(figure)
        entry.pop("note")
        by_name[figure.name] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(sorted(by_name.values(), key=lambda e: e["name"]), indent=2) + "\n")
    os.replace(tmp, path)
    return path


def print_table(figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Sunrelay benchmarks (median of the runs)")
    for column in ("figure", "value", "unit", "scale", "compared with", "note"):
        table.add_column(column, justify="right" if column in {"value", "scale"} else "left")
    for f in figures:
        peer = "" if f.peer_value is None else f"{f.peer_value:,.1f}"
        table.add_row(f.name, f"{f.value:,.1f}", f.unit, f"{f.scale:,}", peer, f.note)
    import sys

    # Piped (make, CI logs): wide enough for the notes instead of the default 80 columns.
    Console(width=None if sys.stdout.isatty() else 160).print(table)
