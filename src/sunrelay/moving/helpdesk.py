"""A django-helpdesk (2.x) database as an Export (source.py), read with SQL on its
DATABASE_URL (sqlite:///path or postgres://…); nothing of django-helpdesk is imported.

- Staff (auth_user.is_staff) are people; everyone else who wrote, and every submitter
  e-mail, is a customer (contacts join the account owning their domain).
- A ticket's description opens it; its follow-ups follow in date order: a staff member's
  public one is a public reply, a private one an internal note, one without a staff author
  the customer's message. The follow-up django-helpdesk writes when a ticket is opened (the
  description again) is the opening itself, and its files join it.
- A follow-up's new_status is a status change at its date; on_hold marks the end status.
- The queue becomes a tag (its slug); attachments are files under --media-root.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from urllib.parse import unquote, urlsplit

from sunrelay.desk.models import Channel, Status
from sunrelay.moving.mapping import Mapping
from sunrelay.moving.reading import SourceError, moment
from sunrelay.moving.source import Comment, Export, File, Person, SourceTicket, StatusChange

# django-helpdesk's numbers, in the words the mapping file uses.
STATUS_NAMES = {1: "open", 2: "reopened", 3: "resolved", 4: "closed", 5: "duplicate"}
PRIORITY_NAMES = {1: "critical", 2: "high", 3: "normal", 4: "low", 5: "very low"}

TICKETS = (
    "SELECT t.id, t.title, t.created, t.modified, t.submitter_email, t.assigned_to_id, "
    "t.status, t.on_hold, t.description, t.priority, q.slug "
    "FROM helpdesk_ticket t JOIN helpdesk_queue q ON q.id = t.queue_id ORDER BY t.id"
)
FOLLOWUPS = (
    "SELECT id, ticket_id, date, comment, public, user_id, new_status "
    "FROM helpdesk_followup ORDER BY ticket_id, date, id"
)
FILES = "SELECT followup_id, file, filename, mime_type FROM helpdesk_followupattachment ORDER BY id"
USERS = "SELECT id, username, first_name, last_name, email, is_staff FROM auth_user ORDER BY id"


def connect(url: str):
    """A DB-API connection to the database at `url`, read only where the driver allows."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)[1:]  # sqlite:////absolute, sqlite:///relative
        try:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise SourceError(f"Cannot open the SQLite database {path}: {exc}") from None
    if parts.scheme in ("postgres", "postgresql"):
        import psycopg

        try:
            return psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise SourceError(f"Cannot connect to the database: {exc}") from None
    raise SourceError(f"{parts.scheme or url!r}: the URL must start with sqlite:/// or postgres://")


def _rows(connection, sql: str) -> list[tuple]:
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        return list(cursor.fetchall())
    except Exception as exc:  # each driver has its own error classes
        raise SourceError(f"This is not a django-helpdesk 2.x database: {exc}") from None


def read(url: str, mapping: Mapping) -> Export:
    connection = connect(url)
    try:
        users = _rows(connection, USERS)
        tickets = _rows(connection, TICKETS)
        followups = _rows(connection, FOLLOWUPS)
        files = _rows(connection, FILES)
    finally:
        connection.close()
    export = Export()
    staff = set()
    for pk, username, first, last, email, is_staff in users:
        name = f"{first} {last}".strip() or username
        export.people.append(Person(f"user:{pk}", name, email or "", staff=bool(is_staff)))
        if is_staff:
            staff.add(pk)
    customers = _customers(tickets, users, staff, export)
    by_ticket, files_of = defaultdict(list), defaultdict(list)
    for row in followups:
        by_ticket[row[1]].append(row)
    for followup_id, path, filename, mime in files:
        files_of[followup_id].append(File(filename or path.rpartition("/")[2], mime or "", path))
    for row in tickets:
        ticket = _ticket(row, by_ticket[row[0]], files_of, customers, staff, mapping, export)
        if ticket is not None:
            export.tickets.append(ticket)
    return export


def _customers(tickets, users, staff, export: Export) -> dict[str, str]:
    """E-mail (lower case) -> the source id of the person it names."""
    known = {(email or "").lower(): f"user:{pk}" for pk, _, _, _, email, _ in users if email}
    for row in tickets:
        email = (row[4] or "").strip().lower()
        if email and email not in known:
            known[email] = f"email:{email}"
            export.people.append(Person(f"email:{email}", "", email))
    return known


def _status(number, mapping: Mapping) -> str | None:
    return mapping.status.get(STATUS_NAMES.get(number, str(number)))


def _ticket(row, followups, files_of, customers, staff, mapping, export) -> SourceTicket | None:
    (
        pk,
        title,
        created,
        modified,
        submitter,
        assignee,
        status,
        on_hold,
        description,
        priority,
        queue,
    ) = row
    where = f"ticket {pk}"
    final = Status.ON_HOLD if on_hold and status in (1, 2) else _status(status, mapping)
    if final is None:
        export.not_mapped.append(f"{where}: status {status} is not mapped; not imported")
        return None
    requester = customers.get((submitter or "").strip().lower())
    if requester is None:
        requester = f"ticket:{pk}"
        export.people.append(Person(requester, "", ""))
    opened = moment(created, where)
    opening = Comment(requester, description or "", opened)
    comments, changes = [opening], []
    for fid, _, date, comment, public, user_id, new_status in followups:
        at = moment(date, where)
        author = f"user:{user_id}" if user_id else requester
        text = (comment or "").strip()
        if opening is not None and text == (description or "").strip():
            opening.files += files_of[fid]  # the follow-up helpdesk writes on opening
            opening = None
        elif text or files_of[fid]:
            comments.append(Comment(author, text, at, bool(public), files=files_of[fid]))
        if new_status is not None:
            mapped = _status(new_status, mapping)
            if mapped is None:
                export.not_mapped.append(f"{where}: status {new_status} is not mapped; left out")
            else:
                changes.append(StatusChange(at, mapped, f"user:{user_id}" if user_id else None))
        opening = None
    priority_name = PRIORITY_NAMES.get(priority, str(priority))
    raw = {"ticket": row, "followups": followups, "files": [files_of[f[0]] for f in followups]}
    return SourceTicket(
        source_id=str(pk),
        subject=title or "",
        requester_id=requester,
        created_at=opened,
        updated_at=moment(modified or created, where),
        status=final,
        channel=Channel.WEB,
        priority=mapping.priority.get(priority_name, "normal"),
        assignee_id=f"user:{assignee}" if assignee in staff else None,
        tags=[queue] if queue else [],
        comments=comments,
        changes=changes,
        raw=raw,
    )
