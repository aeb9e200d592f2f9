"""How Sunrelay writes durations, money, names and offsets for people: plain functions that
views, e-mails and the template filters (web.templatetags.sunrelay_ui) share."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sunrelay.lib.headers_safe import one_line


def humanize_duration(seconds: float) -> str:
    """A short, calm duration: "now", "12 min", "3 h", "2 d", "1 y"."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return "now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    days = hours // 24
    if days < 365:
        return f"{days} d"
    return f"{days // 365} y"


def duration_hm(seconds: float, days: bool = True) -> str:
    """A duration precise enough for a deadline: "40 min", "2 h 10 min", "3 d 4 h".

    Whole minutes, rounded down (a deadline 59 s away is "under 1 min" away, not "1 min").
    Without `days`, hours never turn into days: business time has no 24-hour days.
    """
    minutes = int(abs(seconds) // 60)
    if minutes < 1:
        return "under 1 min"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48 or not days:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def money(value: Decimal | int | float | None) -> str:
    """MRR as whole dollars with thousands separators: 16000 -> "$16,000"."""
    if value is None:
        return ""
    return f"${Decimal(value):,.0f}"


def short_money(value: Decimal | int | float | None) -> str:
    """Compact MRR for dense tables: 16000 -> "$16k", 950 -> "$950"."""
    if value is None:
        return ""
    amount = Decimal(value)
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.1f}M".replace(".0M", "M")
    if amount >= 10_000:
        return f"${amount / 1000:.0f}k"
    if amount >= 1000:
        return f"${amount / 1000:.1f}k".replace(".0k", "k")
    return f"${amount:.0f}"


def yearly(value: Decimal | int | float | None) -> Decimal | None:
    """Monthly revenue as a year's: what "a $200,000/year customer" means."""
    if value is None:
        return None
    return Decimal(value) * 12


def thousands(value: int | None) -> str:
    """20000 -> "20,000"."""
    return "" if value is None else f"{value:,}"


def person(user) -> str:
    """A staff member's name as colleagues say it: the full name, else the username.

    Always one line: names are typed in the admin and end up in e-mail subjects.
    """
    if user is None:
        return ""
    return person_name(user.first_name, user.last_name, user.get_username())


def person_name(first_name: str, last_name: str, username: str) -> str:
    """person() of a user read as columns (a list's rows need no User objects)."""
    return one_line(f"{first_name} {last_name}".strip() or username)


def day_span(first: date, last: date) -> str:
    """Days from `first` to `last`, both included: "on 7 Jan", "7 Jan–9 Jan"."""
    if first == last:
        return f"on {first.day} {first:%b}"
    return f"{first.day} {first:%b}–{last.day} {last:%b}"


def utc_offset(value: datetime) -> str:
    """An aware time's offset in words: "UTC+1", "UTC-5", "UTC+5:30", "UTC"."""
    minutes = int(value.utcoffset().total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


# A subject is stored whole (desk.models.MAX_SUBJECT_LENGTH, 2,000 characters) and
# shortened only where it is shown in a list, a heading or a chat line. E-mail subjects are
# never cut: the e-mail policy folds them.
SUBJECT_SHOWN = 120


def short_subject(subject: str, limit: int = SUBJECT_SHOWN) -> str:
    """A subject to show: whole up to `limit` characters, else cut at a word and ended with
    "…" (within `limit` characters)."""
    subject = subject or ""
    if len(subject) <= limit:
        return subject
    cut = subject[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"
