"""A bulk change in words, for the queue's notice and the API's summary:
"12 tickets assigned to Keisha Thompson; 2 already so; #123 refused: the ticket is closed; …".
"""

from __future__ import annotations

from sunrelay.desk.models import Cause, Level, Priority, Status
from sunrelay.lib.formatting import person

STATUS_WORDS = {
    Status.NEW: "set to new",
    Status.OPEN: "opened",
    Status.PENDING: "set to pending",
    Status.ON_HOLD: "put on hold",
    Status.SOLVED: "solved",
    Status.CLOSED: "closed",
}


def _tickets(n: int) -> str:
    return f"{n} ticket{'s' if n != 1 else ''}"


def _numbers(ids: list[int]) -> str:
    return ", ".join(f"#{pk}" for pk in ids)


def what(outcome) -> str:
    """The change asked for, as a phrase: "assigned to you and set to high priority"."""
    changes, phrases = outcome.changes, []
    if outcome.assigns() and outcome.assignee is None:
        phrases.append("unassigned")
    elif outcome.assigns():
        name = "you" if outcome.assignee == outcome.actor else person(outcome.assignee)
        phrases.append(f"assigned to {name}")
    cause = Cause(changes.cause).label.lower() if changes.cause else ""
    if changes.status:
        words = STATUS_WORDS.get(changes.status, f"set to {changes.status}")
        if changes.status == Status.SOLVED and cause:
            words += f" (cause: {cause})"
            cause = ""
        phrases.append(words)
    if cause:
        phrases.append(f"cause set to {cause}")
    elif changes.cause == "":
        phrases.append("cause cleared")
    if changes.priority:
        phrases.append(f"set to {Priority(changes.priority).label.lower()} priority")
    if changes.level:
        phrases.append(f"moved to {Level(changes.level).label}")
    if changes.add_tags:
        phrases.append(f"tagged {', '.join(changes.add_tags)}")
    if changes.remove_tags:
        phrases.append(f"untagged {', '.join(changes.remove_tags)}")
    if len(phrases) > 1:
        return f"{', '.join(phrases[:-1])} and {phrases[-1]}"
    return phrases[0] if phrases else "changed"


def summary(outcome) -> str:
    parts = []
    changed = outcome.count("changed")
    if changed:
        parts.append(f"{_tickets(changed)} {what(outcome)}")
    unchanged = outcome.count("unchanged")
    if unchanged:
        already = "already so" if changed else "unchanged: already so"
        parts.append(f"{_tickets(unchanged)} {already}")
    refused: dict[str, list[int]] = {}
    for result in outcome.results:
        if result.outcome == "refused":
            refused.setdefault(result.reason, []).append(result.ticket_id)
    for reason, ids in refused.items():
        parts.append(f"{_numbers(ids)} refused: {reason[:1].lower()}{reason[1:].rstrip('.')}")
    missing = [r.ticket_id for r in outcome.results if r.outcome == "not_found"]
    if missing:
        parts.append(f"{_numbers(missing)} not found")
    return "; ".join(parts) + "." if parts else "Nothing to change."
