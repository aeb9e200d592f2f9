"""How far input may reach, one rule for every page, form and API parameter.

Dates and times are between FIRST_YEAR and LAST_YEAR: near year 1 or 9999, adding a week or
moving to a time zone leaves the calendar Python can count (OverflowError), and no support
desk plans shifts for the year 9999. Ids fit in 64 bits (databases refuse larger ones, SQLite
even in a comparison). Search texts stop at MAX_SEARCH_LENGTH characters (SQLite refuses
LIKE patterns past 50,000 bytes; nobody types a subject longer than this). No text holds a
NUL character (PostgreSQL refuses it; Django's form fields refuse it too).

Each check raises ValueError with a sentence a person can act on.
"""

from __future__ import annotations

from datetime import date, datetime

FIRST_YEAR = 1970
LAST_YEAR = 2199
MAX_ID = 2**63 - 1
MAX_SEARCH_LENGTH = 200

YEARS_WORDS = f"between {FIRST_YEAR} and {LAST_YEAR}"


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Pick a date {YEARS_WORDS}; {year} is out of reach.")
    return year


def check_day(value: date) -> date:
    """A date (or a date and time, read in its own zone) within the years Sunrelay counts."""
    check_year(value.year)
    return value


def check_moment(value: datetime) -> datetime:
    """A date and time within the years, whatever zone it is read in (its UTC year too)."""
    check_year(value.year)
    if value.tzinfo is not None:
        # 2199-12-31T23:00-05:00 is already 2200 in UTC; stay a day inside the edges.
        check_year((value.replace(tzinfo=None) - value.utcoffset()).year)  # type: ignore[operator]
    return value


def check_text(value: str) -> str:
    """Text without NUL characters: PostgreSQL cannot store or even compare them."""
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters (\\u0000).")
    return value


def parse_id(text: str, what: str = "id") -> int:
    """A row's id from text: a whole number from 1 to MAX_ID."""
    cleaned = (text or "").strip()
    if not cleaned.isascii() or not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_ID:
        raise ValueError(f"{cleaned[:40]!r} is not a {what}.")
    return int(cleaned)
