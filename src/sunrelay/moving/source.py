"""What every reader (zendesk.py, helpdesk.py) turns its source into: the same plain records,
in Sunrelay's words, for one writer (writer.py). Ids are the source's, as strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Organisation:
    source_id: str
    name: str
    domains: list[str] = field(default_factory=list)


@dataclass
class Person:
    source_id: str
    name: str
    email: str  # may be empty: the writer gives the contact an address that is never mailed
    staff: bool = False
    organisation_id: str | None = None


@dataclass
class File:
    """An attachment: its bytes in a local file (`path`) or at a URL fetched on request."""

    name: str
    content_type: str = ""
    path: str = ""
    url: str = ""


@dataclass
class Comment:
    author_id: str | None
    body: str
    at: datetime
    public: bool = True
    html: str = ""
    files: list[File] = field(default_factory=list)


@dataclass
class StatusChange:
    at: datetime
    status: str  # a Sunrelay status already
    actor_id: str | None = None


@dataclass
class SourceTicket:
    source_id: str
    subject: str
    requester_id: str | None
    created_at: datetime
    updated_at: datetime
    status: str  # the Sunrelay status it ends in
    channel: str
    priority: str
    level: str = ""
    cause: str = ""
    organisation_id: str | None = None
    assignee_id: str | None = None
    tags: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # Status changes with their time, when the source recorded them (Zendesk's audits,
    # django-helpdesk's follow-ups); without them the writer infers solve and close.
    changes: list[StatusChange] = field(default_factory=list)
    solved_at: datetime | None = None
    # The source's record as read: its hash tells a later run whether it changed.
    raw: object = None


@dataclass
class Export:
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    tickets: list[SourceTicket] = field(default_factory=list)
    # What the reader could not map, in words, before the writer adds its own.
    not_mapped: list[str] = field(default_factory=list)
