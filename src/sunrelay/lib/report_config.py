"""The reports' schedule settings (docs/metrics.md, docs/configuration.md), read from the
environment: the zone whose Mondays bound the weeks, the weekday and hour of the e-mails, and
the month the fiscal year starts in (the leadership report's quarters). Kept apart from
settings.py so that it reads as one decision; problems are appended to `errors` in words and
the default is used."""

from __future__ import annotations

from sunrelay.lib.env import ConfigError, envint, envstr
from sunrelay.lib.timezones import known_time_zones

DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def _number(name: str, default: int, low: int, high: int, words: str, errors: list[str]) -> int:
    try:
        value = envint(name, default)
    except ConfigError as exc:
        errors.append(str(exc))
        return default
    if not low <= value <= high:
        errors.append(f"{name} must be {words}, not {value}.")
        return default
    return value


def report_schedule(errors: list[str]) -> tuple[str, str, int, int]:
    """(time zone, weekday, hour, fiscal start month)."""
    zone = envstr("SUNRELAY_REPORT_TIME_ZONE", "UTC")
    if zone not in known_time_zones():
        errors.append(f"SUNRELAY_REPORT_TIME_ZONE {zone!r} is not a zone like Europe/Madrid.")
        zone = "UTC"
    day = envstr("SUNRELAY_REPORT_WEEKDAY", "monday").strip().lower()
    if not (day.isdigit() and int(day) < 7) and day[:3] not in DAYS:
        errors.append(f"SUNRELAY_REPORT_WEEKDAY {day!r} is not a day such as monday.")
        day = "monday"
    hour = _number("SUNRELAY_REPORT_HOUR", 8, 0, 23, "0 to 23", errors)
    fiscal = _number("SUNRELAY_REPORT_FISCAL_START_MONTH", 1, 1, 12, "a month from 1 to 12", errors)
    return zone, day, hour, fiscal
