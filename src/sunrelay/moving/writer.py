"""An Export written into the desk: one transaction per ticket, its history replayed
(replay.py) and saved as rows, with no signal sent, so an imported ticket never pages,
e-mails, surveys or calls a webhook; the reports and the search index are told directly.

A ticket imported before is left alone when its source record is unchanged (its
fingerprint); when it changed, its messages, files and events are written again from the
source (the ticket keeps its number). Changes made here to an imported ticket are replaced
then: import until the switch-over, then stop.

The SLA clocks of imported tickets are not started (that would breach and page for history);
the reports compute past weeks' SLA figures from the event log. An imported ticket still
open gets its clocks at its next change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from sunrelay.desk.history import TicketLog
from sunrelay.desk.models import EventKind, Message, Tag, Ticket, TicketEvent
from sunrelay.lib.fastinsert import insert_rows, json_value
from sunrelay.moving.files import attach, check
from sunrelay.moving.models import RecordKind
from sunrelay.moving.people import People
from sunrelay.moving.records import Records, fingerprint
from sunrelay.moving.replay import replay
from sunrelay.moving.source import Comment, Export, SourceTicket
from sunrelay.reports.refresh import mark_dirty
from sunrelay.search import documents

EVENT_FIELDS = ("ticket", "kind", "at", "actor_user", "actor_contact", "message", "old", "new")


@dataclass
class Options:
    source: str  # the records' namespace and the tickets' reference prefix
    default_cause: str = "question"
    files_from: str = ""  # the folder local attachment paths are relative to
    fetch_files: bool = False
    dry_run: bool = False  # files are checked, not stored (the rows are rolled back after)
    progress: Callable[[int], None] = lambda n: None


@dataclass
class Result:
    counts: Counter = field(default_factory=Counter)
    not_mapped: list[str] = field(default_factory=list)
    ticket_ids: list[int] = field(default_factory=list)


def write(export: Export, options: Options) -> Result:
    result = Result(not_mapped=list(export.not_mapped))
    records = Records(options.source)
    with transaction.atomic():
        people = People(export, records, result.counts, result.not_mapped)
    for ticket in export.tickets:
        try:
            with transaction.atomic():
                _ticket(ticket, people, records, options, result)
        except (ValidationError, ValueError) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            result.not_mapped.append(f"ticket {ticket.source_id}: not imported: {reason}")
            result.counts["tickets refused"] += 1
        options.progress(1)
    if result.ticket_ids:
        mark_dirty(result.ticket_ids)
        documents.mark_stale(result.ticket_ids)
    return result


def _ticket(source: SourceTicket, people: People, records: Records, options, result) -> None:
    print_ = fingerprint(source.raw)
    record = records.get(RecordKind.TICKET, source.source_id)
    existing = Ticket.objects.filter(pk=record.object_id).first() if record else None
    if existing is not None and record.fingerprint == print_:
        result.counts["tickets unchanged"] += 1
        return
    ref = f"{options.source}:{source.source_id}"[:100]
    requester = people.by_id.get(source.requester_id or "")
    if requester is None:
        raise ValidationError(f"its requester {source.requester_id} is not among the users")
    email = people.contact_for(requester)
    account_id = people.account_ids.get(source.organisation_id or "")
    account_id = account_id or people.contact_accounts.get(email)
    notes: list[str] = []
    log, with_files = replay(
        source,
        ref=ref,
        account=str(account_id or ""),
        who=people.who,
        requester_email=email,
        default_cause=options.default_cause,
        not_mapped=notes,
    )
    ticket = existing or Ticket()
    _fill(ticket, log, people, account_id)
    if existing is not None:
        # Events first: a message's delete would otherwise update their (append-only) rows.
        TicketEvent.objects.filter(ticket=ticket).delete()
        Message.objects.filter(ticket=ticket).delete()
        ticket.save()
        result.counts["tickets updated"] += 1
    else:
        ticket.save()
        result.counts["tickets created"] += 1
    messages = _messages(ticket, log, people)
    _events(ticket, log, messages, people)
    ticket.tags.set([Tag.objects.get_or_create(name=name)[0] for name in log.tags])
    for index, comment in with_files:
        _files(messages[index], comment, source, options, result)
    result.counts["messages"] += len(messages)
    result.not_mapped.extend(notes)
    records.keep(RecordKind.TICKET, source.source_id, ticket.pk, print_)
    result.ticket_ids.append(ticket.pk)


def _fill(ticket: Ticket, log: TicketLog, people: People, account_id) -> None:
    ticket.subject, ticket.channel, ticket.status = log.subject, log.channel, log.status
    ticket.account_id = account_id
    ticket.requester_id = people.contacts[log.requester]
    ticket.priority, ticket.level, ticket.cause = log.priority, log.level, log.cause
    ticket.assignee_id = people.usernames.get(log.assignee) if log.assignee else None
    ticket.external_ref = log.ref
    ticket.created_at, ticket.updated_at = log.created_at, log.updated_at
    ticket.solved_at = log.solved_at


def _messages(ticket: Ticket, log: TicketLog, people: People) -> list[Message]:
    rows = [
        Message(
            ticket=ticket,
            kind=m.kind,
            author_user_id=people.usernames.get(m.author_user) if m.author_user else None,
            author_contact_id=people.contacts.get(m.author_contact) if m.author_contact else None,
            body_text=m.body,
            created_at=m.at,
        )
        for m in log.messages
    ]
    return Message.objects.bulk_create(rows)


def _user_id(people: People, username: str | None) -> int | None:
    return people.usernames.get(username) if username else None


def _values(row, people: People):
    """Old and new as the services store them: people as primary keys."""
    if row.kind == EventKind.ASSIGNEE:
        return _user_id(people, row.old), _user_id(people, row.new)
    if row.kind == EventKind.CREATED:
        return row.old, {**row.new, "assignee": _user_id(people, row.new["assignee"])}
    if row.kind == EventKind.ACCOUNT:
        return (int(row.old) if row.old else None), (int(row.new) if row.new else None)
    return row.old, row.new


def _events(ticket: Ticket, log: TicketLog, messages: list[Message], people: People) -> None:
    rows = [
        (
            ticket.pk,
            row.kind,
            row.at,
            _user_id(people, row.actor),
            people.contacts.get(row.contact) if row.contact else None,
            messages[row.message].pk if row.message is not None else None,
            *(json_value(v) for v in _values(row, people)),
        )
        for row in log.events
    ]
    insert_rows(TicketEvent, EVENT_FIELDS, rows)


def _files(message: Message, comment: Comment, source: SourceTicket, options, result) -> None:
    for item in comment.files:
        if options.dry_run:
            problem = check(item, options.files_from, fetch=options.fetch_files)
        else:
            problem = attach(message, item, options.files_from, fetch=options.fetch_files)
        if problem:
            result.not_mapped.append(f"ticket {source.source_id}: {problem}")
            result.counts["files left out"] += 1
        else:
            result.counts["files"] += 1
