"""Resolved shifts as an RFC 5545 calendar a calendar app can subscribe to.

Times are written in UTC (DTSTART/DTEND with Z), so no VTIMEZONE is needed and every client
shows them in its own zone. Each shift keeps its UID from one download to the next (rotation,
person, start), so a changed shift updates the event instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from sunrelay.schedule.rotations.resolve import Shift

PRODID = "-//Sunrelay//On-call rotations//EN"
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Entry:
    rotation_id: int
    rotation: str
    person: str
    shift: Shift


def uid(entry: Entry) -> str:
    return f"rotation{entry.rotation_id}-user{entry.shift.person}-{int(entry.shift.start.timestamp())}@sunrelay"


def build(name: str, entries: Iterable[Entry], now: datetime, *, per_person: bool) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    for entry in entries:
        shift = entry.shift
        event = Event()
        event.add("uid", uid(entry))
        event.add("dtstamp", now)
        event.add("dtstart", shift.start)
        event.add("dtend", shift.end)
        if per_person:
            event.add("summary", f"On call: {entry.rotation}")
        else:
            event.add("summary", f"On call: {entry.person}")
        detail = f"{entry.person} is on call in {entry.rotation}"
        if shift.source == "override":
            detail += " (override)"
        if shift.conflict:
            detail += f". Conflict: {shift.conflict}; needs an override"
        event.add("description", detail)
        event.add("categories", ["on-call"])
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return cal.to_ical()
