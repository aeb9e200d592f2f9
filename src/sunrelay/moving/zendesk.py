"""A Zendesk export folder as an Export (source.py). docs/migrating.md shows the files.

- organizations.json, users.json, tickets.json: each a JSON list, an object holding the list
  (the API's and the incremental export's shape), or one object per line (the full export).
- A ticket's comments: its `comments` list (the full export's), else the `Comment` events of
  its `audits` (the ticket audits API); comments.json / audits.json with a `ticket_id` on
  each are read too. Status changes come from the audits' `Change` events of `status`.
- An attachment is the file `attachments/<id>/<file_name>` (or its `path`) in the folder
  when there, else its `content_url`.
- Users of role agent or admin are staff; end-users are customers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from sunrelay.desk.models import Priority
from sunrelay.moving.mapping import Mapping
from sunrelay.moving.reading import SourceError, moment, records
from sunrelay.moving.source import (
    Comment,
    Export,
    File,
    Organisation,
    Person,
    SourceTicket,
    StatusChange,
)

STAFF_ROLES = {"agent", "admin"}


def _id(value) -> str | None:
    return None if value in (None, "") else str(value)


def read(folder: str | Path, mapping: Mapping) -> Export:
    folder = Path(folder)
    if not (folder / "tickets.json").is_file():
        raise SourceError(f"{folder}: no tickets.json here; is it a Zendesk export folder?")
    export = Export()
    for row in records(folder / "organizations.json", "organizations"):
        export.organisations.append(
            Organisation(str(row["id"]), row.get("name") or "", list(row.get("domain_names") or []))
        )
    for row in records(folder / "users.json", "users"):
        export.people.append(
            Person(
                source_id=str(row["id"]),
                name=row.get("name") or "",
                email=row.get("email") or "",
                staff=row.get("role") in STAFF_ROLES,
                organisation_id=_id(row.get("organization_id")),
            )
        )
    extra = defaultdict(list)
    for name, key in (("comments.json", "comments"), ("audits.json", "audits")):
        for row in records(folder / name, key):
            extra[(key, str(row.get("ticket_id")))].append(row)
    unmapped: Counter = Counter()
    for row in records(folder / "tickets.json", "tickets"):
        ticket = _ticket(row, folder, mapping, extra, unmapped, export.not_mapped)
        if ticket is not None:
            export.tickets.append(ticket)
    export.not_mapped.extend(f"{what} ({n} tickets)" for what, n in sorted(unmapped.items()))
    return export


def _files(comment: dict, folder: Path) -> list[File]:
    result = []
    for item in comment.get("attachments") or []:
        name = item.get("file_name") or "attachment"
        local = item.get("path") or f"attachments/{item.get('id')}/{name}"
        present = (folder / local).is_file()
        result.append(
            File(
                name=name,
                content_type=item.get("content_type") or "",
                path=local if present else "",
                url="" if present else item.get("content_url") or "",
            )
        )
    return result


def _comment(row: dict, folder: Path, where: str) -> Comment:
    return Comment(
        author_id=_id(row.get("author_id")),
        body=row.get("plain_body") or row.get("body") or "",
        html=row.get("html_body") or "",
        at=moment(row.get("created_at"), where),
        public=bool(row.get("public", True)),
        files=_files(row, folder),
    )


def _history(row: dict, audits: list[dict], folder, mapping, unmapped, where):
    """Comments and status changes of a ticket from its comments and audits."""
    comments = [_comment(c, folder, where) for c in row.get("comments") or []]
    changes = []
    for audit in sorted(audits, key=lambda a: str(a.get("created_at"))):
        at = moment(audit.get("created_at"), where)
        for event in audit.get("events") or []:
            kind = event.get("type")
            if kind == "Comment" and not row.get("comments"):
                comments.append(
                    _comment({"created_at": audit.get("created_at"), **event}, folder, where)
                )
            elif kind == "Change" and event.get("field_name") == "status":
                status = mapping.status.get(str(event.get("value")).lower())
                if status is None:
                    unmapped[
                        f"status {event.get('value')!r} in an audit: not mapped, left out"
                    ] += 1
                else:
                    changes.append(StatusChange(at, status, _id(audit.get("author_id"))))
    return comments, changes


def _ticket(row, folder, mapping: Mapping, extra, unmapped, not_mapped) -> SourceTicket | None:
    source_id = str(row.get("id"))
    where = f"ticket {source_id}"
    status = mapping.status.get(str(row.get("status")).lower())
    if status is None:
        not_mapped.append(f"{where}: status {row.get('status')!r} is not mapped; not imported")
        return None
    audits = list(row.get("audits") or []) + extra[("audits", source_id)]
    full = {**row, "comments": list(row.get("comments") or []) + extra[("comments", source_id)]}
    comments, changes = _history(full, audits, folder, mapping, unmapped, where)
    via = str((row.get("via") or {}).get("channel") or "email").lower()
    channel = mapping.channel.get(via)
    if channel is None:
        unmapped[f"channel {via!r}: not mapped, taken as e-mail"] += 1
        channel = mapping.channel["email"]
    priority = mapping.priority.get(str(row.get("priority") or "normal").lower())
    if priority is None:
        unmapped[f"priority {row.get('priority')!r}: not mapped, taken as normal"] += 1
        priority = Priority.NORMAL
    ticket = SourceTicket(
        source_id=source_id,
        subject=row.get("subject") or row.get("raw_subject") or "",
        requester_id=_id(row.get("requester_id")),
        organisation_id=_id(row.get("organization_id")),
        assignee_id=_id(row.get("assignee_id")),
        created_at=moment(row.get("created_at"), where),
        updated_at=moment(row.get("updated_at") or row.get("created_at"), where),
        status=status,
        channel=channel,
        priority=priority,
        tags=list(row.get("tags") or []),
        comments=comments,
        changes=changes,
        raw={**full, "audits": audits},
    )
    solved = (row.get("metric_set") or {}).get("solved_at") or (row.get("dates") or {}).get(
        "solved_at"
    )
    ticket.solved_at = moment(solved, where) if solved else None
    if not comments and row.get("description"):
        ticket.comments.append(Comment(ticket.requester_id, row["description"], ticket.created_at))
    _custom_fields(row, ticket, mapping, unmapped)
    return ticket


def _custom_fields(row: dict, ticket: SourceTicket, mapping: Mapping, unmapped: Counter) -> None:
    for item in row.get("custom_fields") or row.get("fields") or []:
        field_id, value = str(item.get("id")), item.get("value")
        if value in (None, "", False, []):
            continue
        rule = mapping.fields.get(field_id)
        if rule is None:
            unmapped[f"custom field {field_id}: not in the mapping file"] += 1
            continue
        values = value if isinstance(value, list) else [value]
        for one in values:
            mapped = rule.values.get(str(one).lower())
            if rule.to == "tag":
                ticket.tags.append(rule.prefix + (mapped or str(one)))
            elif mapped is None:
                unmapped[f"custom field {field_id}: value {one!r} is not mapped"] += 1
            else:
                setattr(ticket, rule.to, mapped)
