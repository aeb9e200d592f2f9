"""The mapping file (TOML) of an import: which source values become which Sunrelay values.
Every section is optional; docs/migrating.md shows a complete file.

    default_cause = "question"      # the cause of a ticket solved without one
    [status]                        # source status -> Sunrelay status
    hold = "on_hold"
    [channel]                       # source channel -> Sunrelay channel
    voice = "phone"
    [priority]
    critical = "urgent"
    [fields.360001]                 # a custom field, by its id
    to = "cause"                    # cause | level | priority | tag
    values = { bug = "product_bug" }
    # (to = "tag": the value, or values[value], becomes a tag, after an optional prefix)

A value the file names that Sunrelay does not know is refused when the file is read, in
words; a source value the mapping does not cover is reported per ticket, never guessed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sunrelay.desk.models import Cause, Channel, Level, Priority, Status

TARGETS = {"cause": Cause, "level": Level, "priority": Priority, "tag": None}
# Zendesk's words and django-helpdesk's (its numbers are named in helpdesk.py).
STATUS = {
    "reopened": Status.OPEN,
    "resolved": Status.SOLVED,
    "duplicate": Status.CLOSED,
    "new": Status.NEW,
    "open": Status.OPEN,
    "pending": Status.PENDING,
    "hold": Status.ON_HOLD,
    "on-hold": Status.ON_HOLD,
    "solved": Status.SOLVED,
    "closed": Status.CLOSED,
}
CHANNEL = {
    "email": Channel.EMAIL,
    "web": Channel.WEB,
    "api": Channel.API,
    "voice": Channel.PHONE,
    "phone": Channel.PHONE,
}
PRIORITY = {p.value: p.value for p in Priority} | {
    "critical": Priority.URGENT,
    "very low": Priority.LOW,
}


class MappingError(ValueError):
    pass


@dataclass
class FieldRule:
    to: str
    values: dict[str, str] = field(default_factory=dict)
    prefix: str = ""


@dataclass
class Mapping:
    default_cause: str = Cause.QUESTION
    status: dict[str, str] = field(default_factory=lambda: dict(STATUS))
    channel: dict[str, str] = field(default_factory=lambda: dict(CHANNEL))
    priority: dict[str, str] = field(default_factory=lambda: dict(PRIORITY))
    fields: dict[str, FieldRule] = field(default_factory=dict)


def _checked(section: str, table: dict, choices) -> dict[str, str]:
    result = {}
    for key, value in table.items():
        if str(value) not in choices.values:
            allowed = ", ".join(choices.values)
            raise MappingError(f"[{section}] {key} = {value!r}: not one of {allowed}.")
        result[str(key).lower()] = str(value)
    return result


def load(path: str | Path | None) -> Mapping:
    mapping = Mapping()
    if path is None:
        return mapping
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"The mapping file cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"The mapping file is not valid TOML: {exc}") from None
    unknown = set(data) - {"default_cause", "status", "channel", "priority", "fields"}
    if unknown:
        raise MappingError(f"The mapping file has unknown keys: {', '.join(sorted(unknown))}.")
    mapping.default_cause = _checked(
        "", {"default_cause": data.get("default_cause", "question")}, Cause
    )["default_cause"]
    mapping.status.update(_checked("status", data.get("status", {}), Status))
    mapping.channel.update(_checked("channel", data.get("channel", {}), Channel))
    mapping.priority.update(_checked("priority", data.get("priority", {}), Priority))
    for field_id, rule in data.get("fields", {}).items():
        target = rule.get("to") if isinstance(rule, dict) else None
        if target not in TARGETS:
            raise MappingError(
                f"[fields.{field_id}] to = {target!r}: not one of {', '.join(TARGETS)}."
            )
        choices = TARGETS[target]
        values = rule.get("values", {})
        if choices is not None:
            values = _checked(f"fields.{field_id}.values", values, choices)
        mapping.fields[str(field_id)] = FieldRule(
            target, {str(k).lower(): str(v) for k, v in values.items()}, str(rule.get("prefix", ""))
        )
    return mapping
