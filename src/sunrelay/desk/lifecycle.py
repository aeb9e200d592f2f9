"""The ticket lifecycle: which changes a ticket accepts and which events they make.

The one copy of these rules, used by desk.services (one ticket at a time), desk.bulk (mail
imports) and the demo's event-log writer. Pure: plain values in, changes out, no database.

- A ticket opens as new, or as open when it is created with an assignee.
- A closed ticket is final: nothing more is written on it (a customer writing again gets a
  follow-up ticket).
- Solving needs a cause, set before or given with the same change; only a solved ticket is
  closed.
- A customer's message opens a pending or solved ticket again.
- The first public reply on a new ticket opens it; so does assigning it, unless the same
  change sets a status.
- A question from a public Q&A site is answered on the site: the desk takes internal notes on
  it, and public replies only as answers already posted there (they come in with the import).
- Solving stamps `solved_at`; a status other than solved or closed clears it.
- A ticket merged into another is closed without a cause of its own: the survivor carries
  the work (and its cause). Neither side may be closed already, nor the same ticket.
- A subject is stripped, not blank and one line (it becomes an e-mail header); a tag is a lower-case word (spaces become hyphens).
  Over MAX_SUBJECT_LENGTH or MAX_TAG_LENGTH characters is refused, wherever it comes from.

A "state" is anything with the ticket's attributes (`subject`, `status`, `solved_at`,
`priority`, `level`, `cause`, `bug_url`, `interesting`, `account`, `assignee`, `tags`):
desk.services passes a TicketState of the row, the demo its TicketLog. `account` and
`assignee` are keys (ids for the services, names for the demo); `tags` a sorted list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from sunrelay.desk.models import (
    MAX_SUBJECT_LENGTH,
    MAX_TAG_LENGTH,
    Cause,
    Channel,
    EventKind,
    Level,
    Priority,
    Status,
)
from sunrelay.lib.headers_safe import check_one_line

CLOSED_MESSAGE = "The ticket is closed; open a follow-up ticket instead."
CAUSE_MESSAGE = (
    "Say what caused it before solving: user data or code, product bug, question or "
    "feature request."
)

# Fields a change writes one event each for, in the order the events are written.
PLAIN_FIELDS = (
    ("subject", EventKind.SUBJECT),
    ("priority", EventKind.PRIORITY),
    ("level", EventKind.LEVEL),
    ("cause", EventKind.CAUSE),
    ("bug_url", EventKind.BUG_LINK),
    ("interesting", EventKind.INTERESTING),
    ("account", EventKind.ACCOUNT),
)


@dataclass(frozen=True, slots=True)
class Change:
    """One event a change makes: its kind and the old and new values (keys, not rows)."""

    kind: str
    old: Any = None
    new: Any = None


@dataclass(slots=True)
class TicketState:
    """The lifecycle's view of a ticket (see the module docstring)."""

    subject: str
    status: str
    solved_at: datetime | None = None
    priority: str = Priority.NORMAL
    level: str = Level.L1
    cause: str = ""
    bug_url: str = ""
    interesting: bool = False
    account: Any = None
    assignee: Any = None
    tags: list[str] | None = None


def clean_subject(subject: str | None) -> str:
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": "A ticket needs a subject."})
    check_one_line(subject, "subject", "The subject")
    if len(subject) > MAX_SUBJECT_LENGTH:
        raise ValidationError(
            {
                "subject": f"The subject is {len(subject):,} characters long; at most "
                f"{MAX_SUBJECT_LENGTH:,} fit."
            }
        )
    return subject


def normalize_tags(names: Iterable[str]) -> list[str]:
    """Tags are lower case words; spaces become hyphens; duplicates and blanks drop out."""
    result: list[str] = []
    for name in names:
        tag = "-".join(str(name).strip().lower().split())
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                {"tags": f"Tag {tag[:20]}… is longer than {MAX_TAG_LENGTH} characters."}
            )
        if tag not in result:
            result.append(tag)
    return sorted(result)


def check_body(body: str) -> None:
    if not body or not body.strip():
        raise ValidationError({"body": "The message is empty."})


def check_choice(field: str, value: str, choices) -> None:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ValidationError({field: f"{value!r} is not one of: {allowed}."})


SITE_ANSWER_MESSAGE = (
    "This question came from a public Q&A site: answer it on the site (the answer comes in "
    "with the next import); here, add an internal note."
)


def check_reply_route(channel: str, *, public: bool, posted_on: str) -> None:
    """A public reply on a Q&A-site ticket must be an answer already posted on the site
    (`posted_on`, its address): nobody would read one written here."""
    if public and channel == Channel.QA_SITE and not posted_on:
        raise ValidationError({"body": SITE_ANSWER_MESSAGE})


def check_not_closed(status: str) -> None:
    if status == Status.CLOSED:
        raise ValidationError({"status": CLOSED_MESSAGE})


def opening_status(assignee: Any) -> str:
    return Status.NEW if assignee is None else Status.OPEN


def opening_snapshot(
    state: TicketState, *, channel: str, follow_up_of: Any = None
) -> dict[str, Any]:
    """The values the "created" event keeps of a new ticket."""
    return {
        "subject": state.subject,
        "channel": channel,
        "status": state.status,
        "priority": state.priority,
        "level": state.level,
        "assignee": state.assignee,
        "tags": list(state.tags or []),
        **({"follow_up_of": follow_up_of} if follow_up_of is not None else {}),
    }


def set_status(state, new_status: str, at: datetime) -> Change | None:
    """Move `state` to `new_status` (solved_at follows); None when it is already there."""
    old = state.status
    if new_status == old:
        return None
    state.status = new_status
    if new_status == Status.SOLVED:
        state.solved_at = at
    elif new_status != Status.CLOSED:
        state.solved_at = None
    return Change(EventKind.STATUS, old, new_status)


def on_customer_message(state, at: datetime) -> list[Change]:
    """A customer wrote: refused on a closed ticket; a pending or solved one opens again."""
    check_not_closed(state.status)
    changes = [Change(EventKind.RECEIVED)]
    if state.status in (Status.PENDING, Status.SOLVED):
        changes.append(set_status(state, Status.OPEN, at))
    return changes


def check_merge(source_status: str, target_status: str, same: bool) -> None:
    if same:
        raise ValidationError({"into": "A ticket cannot be merged into itself."})
    check_not_closed(source_status)
    if target_status == Status.CLOSED:
        raise ValidationError({"into": "That ticket is closed: merge into an open one."})


def close_merged(state, at: datetime) -> Change | None:
    """The merged ticket's end: closed, with no cause asked (see the module docstring)."""
    return set_status(state, Status.CLOSED, at)


def opens_on_reply(state, *, public: bool) -> bool:
    """A public reply without a status of its own opens a new ticket."""
    return public and state.status == Status.NEW


def check_changes(state, changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Validate property changes against the ticket's current values.

    Returns the changes cleaned and the errors per field (empty when all is well); a closed
    ticket refuses everything at once. `assignee` and `account` pass through unchecked:
    whether a person may be assigned is team's business, checked by the caller.
    """
    check_not_closed(state.status)
    errors: dict[str, str] = {}
    clean = dict(changes)
    for field, choices in (("status", Status), ("priority", Priority), ("level", Level)):
        if field in clean and clean[field] not in choices.values:
            errors[field] = f"{clean[field]!r} is not one of: {', '.join(choices.values)}."
    if "cause" in clean:
        clean["cause"] = clean["cause"] or ""
        if clean["cause"] and clean["cause"] not in Cause.values:
            errors["cause"] = f"{clean['cause']!r} is not one of: {', '.join(Cause.values)}."
    if "subject" in clean:
        _clean_into(clean, errors, "subject", clean_subject)
    if "bug_url" in clean:
        _clean_into(clean, errors, "bug_url", _clean_bug_url)
    if "tags" in clean:
        _clean_into(clean, errors, "tags", lambda names: normalize_tags(names or []))
    if "interesting" in clean:
        clean["interesting"] = bool(clean["interesting"])
    new_status = clean.get("status", state.status)
    if new_status in (Status.SOLVED, Status.CLOSED) and not clean.get("cause", state.cause):
        errors.setdefault("cause", CAUSE_MESSAGE)
    if clean.get("status") == Status.CLOSED and state.status != Status.SOLVED:
        errors.setdefault("status", "Solve the ticket before closing it.")
    return clean, errors


def _clean_into(clean: dict, errors: dict, field: str, cleaner) -> None:
    try:
        clean[field] = cleaner(clean[field])
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})


def _clean_bug_url(value: str | None) -> str:
    value = (value or "").strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError({"bug_url": "The bug link must be an http(s) URL."}) from None
    return value


def apply_changes(state, clean: Mapping[str, Any], at: datetime) -> list[Change]:
    """Apply validated changes (check_changes) to `state`; the events they make, in order."""
    result: list[Change] = []
    for field, kind in PLAIN_FIELDS:
        if field in clean and clean[field] != getattr(state, field):
            result.append(Change(kind, getattr(state, field), clean[field]))
            setattr(state, field, clean[field])
    if "assignee" in clean and clean["assignee"] != state.assignee:
        result.append(Change(EventKind.ASSIGNEE, state.assignee, clean["assignee"]))
        state.assignee = clean["assignee"]
        if clean["assignee"] is not None and state.status == Status.NEW and "status" not in clean:
            result.append(set_status(state, Status.OPEN, at))
    if "tags" in clean and clean["tags"] != state.tags:
        result.append(Change(EventKind.TAGS, state.tags, clean["tags"]))
        state.tags = clean["tags"]
    if "status" in clean:
        change = set_status(state, clean["status"], at)
        if change is not None:
            result.append(change)
    return result
