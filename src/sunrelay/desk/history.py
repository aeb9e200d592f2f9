"""A ticket's history in memory, written the way desk.services writes it (the demo plans
its history with it; moving replays imported ones).

TicketLog offers the service calls (create, receive, reply, note, update); each call is
kept as an action and turned into messages and TicketEvent rows with the same kinds,
order, actors and old/new values the services produce. The rules are desk.lifecycle's, as
the services': a rule break raises their ValidationError (and calls out of order a
ValueError), so the generator cannot plan a history the services would refuse.

People are named, not numbered: staff by username, contacts by e-mail. The loader turns
names into ids (also inside the "created" and "assignee" event values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError

from sunrelay.desk import lifecycle
from sunrelay.desk.models import Channel, EventKind, MessageKind, Status

# Where the history's Q&A-site questions were answered (the site of demo.channels).
QA_SITE_URL = "https://gis.qa.example.test"


def _site_answer(ref: str, n: int, channel: str, public: bool) -> str:
    return f"{QA_SITE_URL}/a/{ref}-{n}" if public and channel == Channel.QA_SITE else ""


@dataclass(frozen=True, slots=True)
class Action:
    """One service call: `op` is create, receive, reply or update; `args` its arguments."""

    op: str
    at: datetime
    args: dict[str, Any]


@dataclass(slots=True)
class MessageRow:
    kind: str
    author_user: str | None
    author_contact: str | None
    body: str
    at: datetime


@dataclass(slots=True)
class EventRow:
    kind: str
    at: datetime
    actor: str | None = None
    contact: str | None = None
    message: int | None = None  # index into TicketLog.messages
    old: Any = None
    new: Any = None


@dataclass
class TicketLog:
    ref: str
    account: str
    # What the ticket is about (a topic's key): a label for measuring suggestions, never loaded.
    topic: str = ""
    subject: str = ""
    requester: str = ""
    channel: str = ""
    status: str = ""
    priority: str = ""
    level: str = ""
    assignee: str | None = None
    tags: list[str] = field(default_factory=list)
    ccs: list[str] = field(default_factory=list)
    cause: str = ""
    bug_url: str = ""
    interesting: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    solved_at: datetime | None = None
    messages: list[MessageRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    # -- the service calls, under desk.lifecycle's rules --------------------------------

    def create(self, at, *, requester, subject, body, channel, priority, level,
               assignee=None, tags=(), ccs=()) -> None:  # fmt: skip
        if self.created_at is not None:
            raise ValueError("created twice")
        tag_names = lifecycle.normalize_tags(tags)
        self.actions.append(Action("create", at, {
            "requester": requester, "subject": subject, "body": body, "channel": channel,
            "priority": priority, "level": level, "assignee": assignee, "tags": tag_names,
            "ccs": list(ccs),
        }))  # fmt: skip
        self.subject, self.requester, self.channel = subject, requester, channel
        self.priority, self.level, self.assignee = priority, level, assignee
        self.status = lifecycle.opening_status(assignee)
        self.tags = tag_names
        self.ccs = [c for c in ccs if c != requester]
        self.created_at = self.updated_at = at
        message = self._message(MessageKind.CUSTOMER, None, requester, body, at)
        snapshot = lifecycle.opening_snapshot(self, channel=channel)
        self._event(EventKind.CREATED, at, contact=requester, message=message, new=snapshot)

    def receive(self, at, contact: str, body: str) -> None:
        self._check_order(at)
        self.actions.append(Action("receive", at, {"contact": contact, "body": body}))
        message = self._message(MessageKind.CUSTOMER, None, contact, body, at)
        for change in lifecycle.on_customer_message(self, at):
            received = change.kind == EventKind.RECEIVED
            self._change(change, at, contact=contact, message=message if received else None)
        self.updated_at = at

    def reply(self, at, author: str, body: str, *, public: bool = True, status=None) -> None:
        self._check_order(at)
        lifecycle.check_not_closed(self.status)
        # On a Q&A-site question our public reply is an answer posted on the site, as the
        # services require (lifecycle.check_reply_route).
        posted_on = _site_answer(self.ref, len(self.messages), self.channel, public)
        lifecycle.check_reply_route(self.channel, public=public, posted_on=posted_on)
        args = {"author": author, "body": body, "public": public, "status": status}
        self.actions.append(Action("reply", at, {**args, "posted_on": posted_on}))
        kind = MessageKind.REPLY if public else MessageKind.NOTE
        message = self._message(kind, author, None, body, at)
        event_kind = EventKind.REPLIED if public else EventKind.NOTED
        posted = {"posted_on": posted_on} if posted_on else None
        self._event(event_kind, at, actor=author, message=message, new=posted)
        self.updated_at = at
        if status is not None:
            self._apply(at, author, {"status": status})
        elif lifecycle.opens_on_reply(self, public=public):
            self._change(lifecycle.set_status(self, Status.OPEN, at), at, actor=author)

    def note(self, at, author: str, body: str) -> None:
        self.reply(at, author, body, public=False)

    def update(self, at, actor: str, **changes) -> None:
        self._check_order(at)
        self.actions.append(Action("update", at, {"actor": actor, "changes": dict(changes)}))
        if self._apply(at, actor, changes):
            self.updated_at = at

    # -- rows -------------------------------------------------------------------------

    def _check_order(self, at) -> None:
        if self.created_at is None:
            raise ValueError("not created yet")
        if at < self.updated_at:
            raise ValueError(f"{self.ref}: {at} is before the last change {self.updated_at}")

    def _message(self, kind, user, contact, body, at) -> int:
        self.messages.append(MessageRow(kind, user, contact, body, at))
        return len(self.messages) - 1

    def _event(self, kind, at, **fields) -> None:
        self.events.append(EventRow(kind, at, **fields))

    def _change(self, change: lifecycle.Change, at, **fields) -> None:
        self._event(change.kind, at, old=change.old, new=change.new, **fields)

    def _apply(self, at, actor, changes: dict) -> bool:
        clean, errors = lifecycle.check_changes(self, changes)
        if errors:
            raise ValidationError(errors)
        applied = lifecycle.apply_changes(self, clean, at)
        for change in applied:
            self._change(change, at, actor=actor)
        return bool(applied)
