"""The event log in words, for the ticket page's history panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model

from sunrelay.desk.models import Cause, Channel, EventKind, Level, Priority, Status, TicketEvent
from sunrelay.lib.formatting import person, short_subject

LABELS = {
    EventKind.STATUS: Status,
    EventKind.PRIORITY: Priority,
    EventKind.LEVEL: Level,
    EventKind.CAUSE: Cause,
}


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor: str
    kind: str
    text: str


def _label(choices, value) -> str:
    if value in (None, ""):
        return "—"
    try:
        return choices(value).label
    except ValueError:
        return str(value)


def _name(user) -> str:
    return person(user) or "—"


def history(events: list[TicketEvent], known: dict | None = None) -> list[HistoryLine]:
    """`events` with actor_user and actor_contact selected. Assignees are looked up in `known`
    (users by id the page has read already), the others in one query."""
    user_ids = {
        value
        for e in events
        if e.kind == EventKind.ASSIGNEE
        for value in (e.old, e.new)
        if isinstance(value, int)
    }
    users = dict(known or {})
    missing = user_ids - set(users)
    if missing:
        users.update(get_user_model().objects.in_bulk(missing))
    lines = []
    for e in events:
        if e.actor_user is not None:
            actor = _name(e.actor_user)
        elif e.actor_contact is not None:
            actor = e.actor_contact.name or e.actor_contact.email
        else:
            actor = "Sunrelay"
        lines.append(HistoryLine(e.at, actor, e.get_kind_display(), _describe(e, users)))
    return lines


def _describe(e: TicketEvent, users) -> str:
    if e.kind in LABELS:
        choices = LABELS[e.kind]
        return f"{_label(choices, e.old)} → {_label(choices, e.new)}"
    if e.kind == EventKind.ASSIGNEE:
        return f"{_name(users.get(e.old))} → {_name(users.get(e.new))}"
    if e.kind == EventKind.TAGS:
        return f"{', '.join(e.old or []) or '—'} → {', '.join(e.new or []) or '—'}"
    if e.kind == EventKind.INTERESTING:
        return "flagged for the lightning talks" if e.new else "flag removed"
    if e.kind == EventKind.BUG_LINK:
        return e.new or "removed"
    if e.kind == EventKind.ACCOUNT:
        return f"{(e.old or {}).get('name', '—')} → {(e.new or {}).get('name', '—')}"
    if e.kind == EventKind.CCS:
        return _cc_change(e.old or [], e.new or [])
    if e.kind == EventKind.SUBJECT:
        return f"“{e.old}” → “{e.new}”"
    if e.kind == EventKind.CREATED and isinstance(e.new, dict):
        return f"via {_label(Channel, e.new.get('channel'))}"
    if e.kind == EventKind.EDITED and isinstance(e.old, dict):
        where = (e.new or {}).get("source") or "its source"
        return f"edited at {where}; it read before: “{short_subject(e.old.get('body', ''))}”"
    if e.kind == EventKind.REPLIED and isinstance(e.new, dict) and e.new.get("posted_on"):
        return f"posted on {e.new['posted_on']}"
    if isinstance(e.new, dict) and e.new.get("summary"):  # escalation and paging
        return str(e.new["summary"])
    if isinstance(e.new, dict) and e.new.get("reason"):  # delivery problems
        return str(e.new["reason"])
    return ""


def _cc_change(old: list[str], new: list[str]) -> str:
    added = [a for a in new if a not in old]
    removed = [a for a in old if a not in new]
    parts = []
    if added:
        parts.append("added " + ", ".join(added))
    if removed:
        parts.append("removed " + ", ".join(removed))
    return "; ".join(parts)
