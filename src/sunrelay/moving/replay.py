"""A source ticket's history replayed through desk.history.TicketLog, so the imported
messages and event log are the ones the desk would have written had it lived the history.

Rules (each in one place, here):
- The first comment opens the ticket as its requester's message (an empty one: the subject).
- Later comments in time order: an agent's public comment is a public reply (the first one
  opens a new ticket, as in the desk), a private one an internal note, a customer's comment a
  customer message (a solved or pending ticket opens again, as in the desk).
- Status changes come from the source's own history when it has one; the status the ticket
  ends in is reached at the end (solved at the source's solve time, or its last change).
- Solving needs a cause in Sunrelay: the mapped one, else the import's default cause.
- Closing needs a solve first: a ticket closed unsolved is solved, then closed, at once.
- Nothing is added to a closed ticket: a later comment is left out and reported.
- A tag longer than the desk allows is left out and reported.
- Times never go backwards: an entry earlier than the one before it is moved up to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sunrelay.desk.history import TicketLog
from sunrelay.desk.models import MAX_TAG_LENGTH, Channel, Level, Status
from sunrelay.moving.source import Comment, SourceTicket, StatusChange


@dataclass(frozen=True)
class Who:
    """A source person as the log names them: a staff username, or a contact's e-mail."""

    username: str | None = None
    email: str | None = None


def _body(comment: Comment | None, fallback: str) -> str:
    text = (comment.body if comment else "").strip()
    return text or fallback


def replay(
    ticket: SourceTicket,
    *,
    ref: str,
    account: str,
    who: Callable[[str | None], Who],
    requester_email: str,
    default_cause: str,
    not_mapped: list[str],
) -> tuple[TicketLog, list[tuple[int, Comment]]]:
    """The ticket's log, and which log message (by index) each comment with files became."""
    log = TicketLog(ref=ref, account=account)
    tags = []
    for tag in ticket.tags:
        if len("-".join(str(tag).lower().split())) > MAX_TAG_LENGTH:
            not_mapped.append(
                f"ticket {ticket.source_id}: tag {str(tag)[:20]}… is too long; left out"
            )
        else:
            tags.append(tag)
    subject = " ".join(ticket.subject.split()) or "(no subject)"
    comments = sorted(ticket.comments, key=lambda c: c.at)
    first = comments[0] if comments else None
    log.create(
        ticket.created_at,
        requester=requester_email,
        subject=subject,
        body=_body(first, subject),
        channel=ticket.channel or Channel.EMAIL,
        priority=ticket.priority,
        level=ticket.level or Level.L1,
        tags=tags,
    )
    with_files = [(0, first)] if first and first.files else []
    cause = ticket.cause or default_cause
    assignee = who(ticket.assignee_id).username if ticket.assignee_id else None
    if ticket.cause:
        log.update(ticket.created_at, None, cause=ticket.cause)

    # Comments before status changes of the same instant: a reply that solves.
    entries: list[tuple] = [(c.at, 0, i, c) for i, c in enumerate(comments[1:])]
    entries += [(ch.at, 1, i, ch) for i, ch in enumerate(ticket.changes)]
    for at, _, _, entry in sorted(entries, key=lambda e: e[:3]):
        at = max(at, log.updated_at)
        person = who(entry.actor_id if isinstance(entry, StatusChange) else entry.author_id)
        if assignee and person.username and log.assignee is None:
            log.update(at, person.username, assignee=assignee)
        if isinstance(entry, StatusChange):
            _move(log, entry.status, at, person.username, cause)
            continue
        if log.status == Status.CLOSED:
            not_mapped.append(f"ticket {ticket.source_id}: a comment after closing is left out")
            continue
        body = _body(entry, "(empty comment)")
        if person.username:
            log.reply(at, person.username, body, public=entry.public)
        else:
            if not entry.public:
                not_mapped.append(
                    f"ticket {ticket.source_id}: a customer's private comment came in as "
                    "their message (customers write no internal notes)"
                )
            log.receive(at, person.email or requester_email, body)
        if entry.files:
            with_files.append((len(log.messages) - 1, entry))

    end = max(ticket.solved_at or ticket.updated_at, log.updated_at)
    if assignee and log.assignee is None and log.status != Status.CLOSED:
        log.update(log.updated_at, None, assignee=assignee)
    if ticket.status in (Status.SOLVED, Status.CLOSED) and log.status != ticket.status:
        _move(log, Status.SOLVED, end, None, cause)
    _move(log, ticket.status, max(ticket.updated_at, log.updated_at), None, cause)
    return log, with_files


def _move(log: TicketLog, status: str, at, actor: str | None, cause: str) -> None:
    if status == log.status or log.status == Status.CLOSED:
        return
    extra = {"cause": cause} if status in (Status.SOLVED, Status.CLOSED) and not log.cause else {}
    if status == Status.CLOSED and log.status != Status.SOLVED:
        log.update(at, actor, status=Status.SOLVED, **extra)
        extra = {}
    log.update(at, actor, status=status, **extra)
