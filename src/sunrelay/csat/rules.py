"""Who is asked, and for how long an answer may be given or changed. Plain values in, no database.

- A survey is due on every solve of a ticket, once per solve: a ticket reopened and solved
  again is asked again, about the new solve.
- No survey when CSAT is off (SUNRELAY_CSAT), for a ticket merged into another (the survivor
  carries the work and is asked when it is solved), or when the requester has no address we
  can write to: an address without a domain, a reserved `.invalid` or `.localhost` domain
  (the synthetic contacts of imports), a mailer daemon, or one of our own support addresses.
  Mail held as a loop, bounce or in quarantine never makes a ticket, so it is never asked.
- A survey is open, and its rating may be given or changed, while it is the ticket's latest,
  the ticket is still solved, and fewer than SUNRELAY_CSAT_LINK_DAYS days have passed since
  the solve. Reopening the ticket closes it; so does closing the ticket, which is final in the
  desk (desk.lifecycle) and here alike. A rating given before stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sunrelay.desk.models import Status
from sunrelay.mail.loops import is_mail_system

UNWRITABLE_DOMAINS = (".invalid", ".localhost")


def skip_reason(address: str, merged: bool, ours: Iterable[str]) -> str:
    """Why a solve is not surveyed, in words; "" when a survey is due."""
    if merged:
        return "The ticket was merged into another; the survivor is asked when it is solved."
    local, at, domain = address.strip().lower().rpartition("@")
    if not at or not local or "." not in domain:
        return "The requester has no address we can write to."
    if f".{domain}".endswith(UNWRITABLE_DOMAINS) or domain in ("invalid", "localhost"):
        return f"The requester's address ({address}) is a placeholder, not a mailbox."
    if is_mail_system(address) or address.strip().lower() in {a.lower() for a in ours}:
        return "The requester is a mail system, not a person."
    return ""


def open_until(solved_at: datetime, days: int) -> datetime:
    return solved_at + timedelta(days=days)


def closed_reason(
    *, latest: bool, ticket_status: str, solved_at: datetime, now: datetime, days: int
) -> str:
    """Why the survey no longer takes a rating, in words; "" while it is open."""
    if ticket_status == Status.CLOSED:
        return "This ticket is closed, and so is its survey."
    if not latest or ticket_status != Status.SOLVED:
        return (
            "This ticket was opened again after this survey was sent, so it no longer takes "
            "a rating. You will be asked again when it is solved."
        )
    if now >= open_until(solved_at, days):
        return f"Ratings are taken for {days} days after a ticket is solved; this one is closed."
    return ""
