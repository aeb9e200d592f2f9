"""Holidays into calendars: from iCalendar files and from the `holidays` package."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
from django.db import transaction

from sunrelay.sla.models import Calendar, Holiday


def dates_in_ics(data: bytes) -> list[tuple[date, str]]:
    """All-day events of an iCalendar file as (date, name); a multi-day event gives each day."""
    try:
        cal = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise ValueError(str(exc) or "unreadable calendar") from None
    found: list[tuple[date, str]] = []
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART", None)
        if start is None:
            continue
        if isinstance(start, datetime):
            start = start.date()
        end = event.decoded("DTEND", None)
        end = end.date() if isinstance(end, datetime) else end
        name = str(event.get("SUMMARY", ""))[:200]
        day = start
        while True:
            found.append((day, name))
            day += timedelta(days=1)
            if end is None or day >= end:
                break
    return found


@transaction.atomic
def import_ics(calendar: Calendar, data: bytes) -> tuple[int, int]:
    """Add the file's holidays to the calendar; returns (added, already present)."""
    existing = set(calendar.holidays.values_list("date", flat=True))
    added = 0
    for day, name in dates_in_ics(data):
        if day in existing:
            continue
        Holiday.objects.create(calendar=calendar, date=day, name=name)
        existing.add(day)
        added += 1
    calendar.save()  # its updated_at moves, and the SLA configuration's version (sla.signals)
    return added, len(dates_in_ics(data)) - added
