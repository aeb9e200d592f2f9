"""A ticket's history in memory, written the way desk.services writes it.

TicketLog offers the service calls (create, receive, reply, note, update); each call is
kept as an action and turned into messages and TicketEvent rows with the same kinds,
order, actors and old/new values the services produce. Rule breaks raise ValueError, so
the generator cannot plan a history the services would refuse.

People are named, not numbered: staff by username, contacts by e-mail. The loader turns
names into ids (also inside the "created" and "assignee" event values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sunrelay.desk.models import EventKind, MessageKind, Status


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

    # -- the service calls -------------------------------------------------------------

    def create(self, at, *, requester, subject, body, channel, priority, level,
               assignee=None, tags=(), ccs=()) -> None:  # fmt: skip
        if self.created_at is not None:
            raise ValueError("created twice")
        tag_names = sorted(set(tags))
        self.actions.append(Action("create", at, {
            "requester": requester, "subject": subject, "body": body, "channel": channel,
            "priority": priority, "level": level, "assignee": assignee, "tags": tag_names,
            "ccs": list(ccs),
        }))  # fmt: skip
        self.subject, self.requester, self.channel = subject, requester, channel
        self.priority, self.level, self.assignee = priority, level, assignee
        self.status = Status.NEW if assignee is None else Status.OPEN
        self.tags = tag_names
        self.ccs = [c for c in ccs if c != requester]
        self.created_at = self.updated_at = at
        message = self._message(MessageKind.CUSTOMER, None, requester, body, at)
        snapshot = {
            "subject": subject,
            "channel": channel,
            "status": self.status,
            "priority": priority,
            "level": level,
            "assignee": assignee,
            "tags": tag_names,
        }
        self._event(EventKind.CREATED, at, contact=requester, message=message, new=snapshot)

    def receive(self, at, contact: str, body: str) -> None:
        self._check_open(at)
        self.actions.append(Action("receive", at, {"contact": contact, "body": body}))
        message = self._message(MessageKind.CUSTOMER, None, contact, body, at)
        self._event(EventKind.RECEIVED, at, contact=contact, message=message)
        if self.status in (Status.PENDING, Status.SOLVED):
            self._status(Status.OPEN, at, contact=contact)
        self.updated_at = at

    def reply(self, at, author: str, body: str, *, public: bool = True, status=None) -> None:
        self._check_open(at)
        self.actions.append(
            Action(
                "reply", at, {"author": author, "body": body, "public": public, "status": status}
            )
        )
        kind = MessageKind.REPLY if public else MessageKind.NOTE
        message = self._message(kind, author, None, body, at)
        event_kind = EventKind.REPLIED if public else EventKind.NOTED
        self._event(event_kind, at, actor=author, message=message)
        self.updated_at = at
        if status is not None:
            self._apply(at, author, {"status": status})
        elif public and self.status == Status.NEW:
            self._status(Status.OPEN, at, actor=author)

    def note(self, at, author: str, body: str) -> None:
        self.reply(at, author, body, public=False)

    def update(self, at, actor: str, **changes) -> None:
        self._check_open(at)
        self.actions.append(Action("update", at, {"actor": actor, "changes": dict(changes)}))
        if self._apply(at, actor, changes):
            self.updated_at = at

    # -- mirrors of the services' internals --------------------------------------------

    def _check_open(self, at) -> None:
        if self.created_at is None:
            raise ValueError("not created yet")
        if self.status == Status.CLOSED:
            raise ValueError(f"{self.ref} is closed")
        if at < self.updated_at:
            raise ValueError(f"{self.ref}: {at} is before the last change {self.updated_at}")

    def _message(self, kind, user, contact, body, at) -> int:
        self.messages.append(MessageRow(kind, user, contact, body, at))
        return len(self.messages) - 1

    def _event(self, kind, at, **fields) -> None:
        self.events.append(EventRow(kind, at, **fields))

    def _status(self, new, at, *, actor=None, contact=None) -> bool:
        old = self.status
        if new == old:
            return False
        self.status = new
        if new == Status.SOLVED:
            self.solved_at = at
        elif new != Status.CLOSED:
            self.solved_at = None
        self._event(EventKind.STATUS, at, actor=actor, contact=contact, old=old, new=new)
        return True

    def _validate(self, changes: dict) -> None:
        new_status = changes.get("status", self.status)
        if new_status in (Status.SOLVED, Status.CLOSED) and not changes.get("cause", self.cause):
            raise ValueError(f"{self.ref}: solving without a cause")
        if changes.get("status") == Status.CLOSED and self.status != Status.SOLVED:
            raise ValueError(f"{self.ref}: closing an unsolved ticket")
        if "tags" in changes:
            changes["tags"] = sorted(set(changes["tags"]))

    def _apply(self, at, actor, changes: dict) -> bool:
        changes = dict(changes)
        self._validate(changes)
        before = len(self.events)
        for name, kind in (
            ("subject", EventKind.SUBJECT),
            ("priority", EventKind.PRIORITY),
            ("level", EventKind.LEVEL),
            ("cause", EventKind.CAUSE),
            ("bug_url", EventKind.BUG_LINK),
            ("interesting", EventKind.INTERESTING),
        ):
            if name in changes and changes[name] != getattr(self, name):
                self._event(kind, at, actor=actor, old=getattr(self, name), new=changes[name])
                setattr(self, name, changes[name])
        if "assignee" in changes and changes["assignee"] != self.assignee:
            new = changes["assignee"]
            self._event(EventKind.ASSIGNEE, at, actor=actor, old=self.assignee, new=new)
            self.assignee = new
            if new is not None and self.status == Status.NEW and "status" not in changes:
                self._status(Status.OPEN, at, actor=actor)
        if "tags" in changes and changes["tags"] != self.tags:
            self._event(EventKind.TAGS, at, actor=actor, old=self.tags, new=changes["tags"])
            self.tags = changes["tags"]
        if "status" in changes:
            self._status(changes["status"], at, actor=actor)
        return len(self.events) > before
