"""The reports' settings (SUNRELAY_REPORT_* in docs/configuration.md), read from Django's."""

from __future__ import annotations

from django.conf import settings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def time_zone() -> str:
    """The zone whose Mondays bound the weeks."""
    return getattr(settings, "REPORT_TIME_ZONE", "UTC") or "UTC"


def recipients() -> list[str]:
    return list(getattr(settings, "REPORT_RECIPIENTS", []) or [])


def send_weekday() -> int:
    """Monday = 0: the day the weekly e-mail goes out, in the report's zone."""
    value = str(getattr(settings, "REPORT_WEEKDAY", "monday")).strip().lower()
    if value.isdigit():
        return int(value) % 7
    return next((i for i, day in enumerate(WEEKDAYS) if day.startswith(value[:3])), 0)


def send_hour() -> int:
    return int(getattr(settings, "REPORT_HOUR", 8))


def key_tiers() -> list[str]:
    """The tiers whose first reply the summary states apart (the product's "Enterprise and
    Partner")."""
    return list(getattr(settings, "REPORT_KEY_TIERS", ["enterprise", "partner"]))


def fiscal_start() -> int:
    """The month (1-12) the fiscal year starts in: the leadership report's quarters."""
    return int(getattr(settings, "REPORT_FISCAL_START_MONTH", 1) or 1)
