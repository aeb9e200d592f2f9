"""Which ticket an incoming message belongs to.

In this order: In-Reply-To and References against every Message-ID we stored or sent; then
the ticket tag in the subject (only for people already on that ticket or its account, since a
tag is easy to guess); else a new ticket. Mail for a ticket merged into another goes to that
one. A ticket that can no longer take messages (closed, or solved longer ago than
SUNRELAY_REOPEN_DAYS) gets a new follow-up ticket linked to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from sunrelay.accounts.models import Contact
from sunrelay.desk.models import Status, Ticket
from sunrelay.mail.models import Direction, MailMessageId
from sunrelay.mail.tags import find_tag

# A merged ticket's survivor may itself have been merged: follow at most this many links.
MERGE_HOPS = 10


@dataclass
class Thread:
    ticket: Ticket | None = None
    via: str = ""  # "references" or "tag"
    follow_up_of: Ticket | None = None


def known_ids(ids: list[str], limit: int | None = 50) -> dict[str, tuple[int, str]]:
    """Which of these Message-IDs we stored or sent: id -> (ticket id, direction)."""
    ids = [mid for mid in ids[:limit] if mid]
    if not ids:
        return {}
    rows = MailMessageId.objects.filter(message_id__in=ids).values_list(
        "message_id", "ticket_id", "direction"
    )
    return {mid: (ticket_id, direction) for mid, ticket_id, direction in rows}


def referenced_ticket(ids: list[str], known: dict | None = None) -> int | Ticket | None:
    """The ticket (its id, or an import batch's unsaved Ticket) of the most specific
    referenced Message-ID we know, if any."""
    known = known_ids(ids) if known is None else known
    for mid in ids:
        if mid in known:
            return known[mid][0]
    return None


def is_our_outgoing(message_id: str) -> bool:
    return known_ids([message_id]).get(message_id, (None, ""))[1] == Direction.OUT


def may_use_tag(ticket: Ticket, contact: Contact | None) -> bool:
    if contact is None:
        return False
    if ticket.requester_id == contact.pk:
        return True
    if contact.account_id is not None and contact.account_id == ticket.account_id:
        return True
    return ticket.ccs.filter(pk=contact.pk).exists()


def find_thread(
    ids: list[str],
    subject: str,
    contact: Contact | None,
    now: datetime,
    *,
    known: dict | None = None,
    load: Callable[[int | Ticket], Ticket | None] | None = None,
) -> Thread:
    """`load` reads a ticket by id (an import batch reads them under lock, once)."""
    load = load or _load
    thread = Thread()
    ref = referenced_ticket(ids, known)
    if ref is not None:
        thread = Thread(load(ref), "references")
    if thread.ticket is None:
        tagged = find_tag(subject)
        if tagged is not None:
            ticket = load(tagged)
            if ticket is not None and may_use_tag(ticket, contact):
                thread = Thread(ticket, "tag")
    if thread.ticket is not None:
        thread = Thread(follow_merges(thread.ticket, load), thread.via)
    if thread.ticket is not None and not takes_messages(thread.ticket, now):
        return Thread(None, thread.via, follow_up_of=thread.ticket)
    return thread


def follow_merges(
    ticket: Ticket | None, load: Callable[[int | Ticket], Ticket | None]
) -> Ticket | None:
    """The ticket that mail for `ticket` goes to: the one it was merged into, as far as the
    merges go (at most MERGE_HOPS, so a circle of merges cannot hold us)."""
    for _ in range(MERGE_HOPS):
        if ticket is None or ticket.merged_into_id is None:
            break
        ticket = load(ticket.merged_into_id)
    return ticket


def _load(ref: int | Ticket) -> Ticket | None:
    return ref if isinstance(ref, Ticket) else Ticket.objects.filter(pk=ref).first()


def takes_messages(ticket: Ticket, now: datetime) -> bool:
    if ticket.status == Status.CLOSED:
        return False
    if ticket.status == Status.SOLVED and ticket.solved_at is not None:
        return ticket.solved_at >= now - timedelta(days=settings.MAIL_REOPEN_DAYS)
    return True
