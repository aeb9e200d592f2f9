"""Weekly hours typed as text, a day at a time: "09:00-13:00, 14:00-18:00".

Used by every weekly editor (working hours, business calendars, rotation restrictions), so one
day reads the same everywhere. Pure Python. The rules:

- Stretches are separated by commas or semicolons; each is START-END with a hyphen or a dash.
- A time is H, HH, H:MM or HH:MM on the 24-hour clock ("9" is 09:00); "24:00" is midnight.
- An end not after the start runs past midnight ("22:00-06:00"); "00:00-00:00" is the whole
  day. What a stretch means past midnight is the model's rule (sla.calendar, team.models).
- An empty day has no stretches.
"""

from __future__ import annotations

import re
from datetime import time

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# At most this many stretches a day: more is a typing slip, not a working day.
MAX_STRETCHES = 6

_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")


def _time(text: str) -> time:
    found = _TIME.match(text.strip())
    if not found:
        raise ValueError(f"“{text.strip()}” is not a time like 09:00.")
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    if hours == 24 and minutes == 0:
        return time(0, 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"“{text.strip()}” is not a time of day.")
    return time(hours, minutes)


def parse_day(text: str) -> list[tuple[time, time]]:
    """The stretches of one day, in the order typed; ValueError says what is wrong, in words."""
    stretches = []
    for part in re.split(r"[,;]", text or ""):
        part = part.strip()
        if not part:
            continue
        pieces = re.split(r"\s*[-–—]\s*", part)
        if len(pieces) != 2 or not all(pieces):
            raise ValueError(f"“{part}” is not a stretch like 09:00-17:00.")
        stretches.append((_time(pieces[0]), _time(pieces[1])))
    if len(stretches) > MAX_STRETCHES:
        raise ValueError(f"At most {MAX_STRETCHES} stretches a day.")
    return stretches


def format_day(stretches) -> str:
    """The text parse_day reads back: "09:00-13:00, 14:00-18:00"."""
    return ", ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in stretches)
