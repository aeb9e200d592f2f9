"""Reading helpers shared by the readers: JSON files in the shapes exports use, and times."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path


class SourceError(ValueError):
    """The source cannot be read; the message says where and why, in words."""


def records(path: Path, key: str) -> list[dict]:
    """The objects of a JSON export file: a list, an object holding the list under `key` (the
    API's and the incremental export's shape), or one object per line (the full export)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text) if text.strip() else []
    except json.JSONDecodeError:
        data = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                data.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path.name}, line {number}: not JSON ({exc.msg}).") from None
    if isinstance(data, dict):
        data = data.get(key, [data] if "id" in data else [])
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise SourceError(f"{path.name}: expected a list of {key}.")
    return data


def moment(value, where: str) -> datetime:
    """An export's time (ISO 8601, or a datetime from a database) as an aware UTC datetime;
    one without a zone is taken as UTC, as both sources store them."""
    if isinstance(value, datetime):
        result = value
    else:
        try:
            result = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise SourceError(f"{where}: {value!r} is not a date and time.") from None
    if result.tzinfo is None:
        result = result.replace(tzinfo=UTC)
    return result.astimezone(UTC)
