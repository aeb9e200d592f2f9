"""The cells of the report's tables: what a column holds and how a value reads on the page,
in Markdown and in CSV.

Column.kind says how to show a raw value: "count", "signed" (a change), "minutes" (shown
as "7 h 13 min", exported as whole minutes), "signed_minutes", "share" (0-1, shown and
exported as a whole percent), "time" (UTC, shown in the report's zone), "ticket" (an id,
shown "#123" and linked on the page), "text".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sunrelay.reports import wording


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"


@dataclass
class Table:
    name: str  # also the CSV file name
    title: str
    columns: list[Column]
    rows: list[list]
    note: str = ""


def share_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{wording.whole(100 * value)} %"


def cell_text(value, kind: str, zone: str) -> str:
    """How a cell reads on the page, in the e-mail and in Markdown."""
    if value is None or value == "":
        return "—"
    if kind == "ticket":
        return f"#{value}"
    if kind == "minutes":
        return wording.duration(value)
    if kind == "share":
        return share_text(value)
    if kind == "time":
        local = value.astimezone(ZoneInfo(zone))
        return f"{local:%a} {local.day} {local:%b %H:%M}"
    if kind == "count" and isinstance(value, int | float):
        return f"{value:,}"
    if kind == "signed":
        return f"{value:+,}".replace("-", "−") if value else "0"
    if kind == "signed_minutes":
        return ("+" if value > 0 else "−" if value < 0 else "") + wording.duration(abs(value))
    return str(value)


def cell_csv(value, kind: str):
    """The same value for a spreadsheet: whole minutes, whole percents, ISO times (UTC)."""
    if value is None:
        return ""
    if kind in ("minutes", "signed_minutes"):
        return wording.whole(value)
    if kind == "share":
        return wording.whole(100 * value)
    if kind == "time" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%MZ")
    return value
