"""A Zendesk export in the documented format (docs/migrating.md), generated: organisations,
users, tickets with comments (public and private), attachments (a local file and a URL),
tags, custom fields and audits with their status changes. `generate` also counts, from
the source alone, what the weekly report of each week should say."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

START = datetime(2026, 11, 2, 8, tzinfo=UTC)  # Monday of 2026-W45
AGENTS = [
    (1, "Ana Agent", "ana@ourdesk.test", "admin"),
    (2, "Ben Agent", "ben@ourdesk.test", "agent"),
]
ORGS = [
    (1001, "Acme Maps", ["acme.test"]),
    (1002, "Globex", ["globex.test"]),
    (1003, "Initech", []),
]
MAPPING = """
default_cause = "question"
[fields.360001]
to = "cause"
values = { bug = "product_bug", howto = "question" }
[fields.360002]
to = "tag"
prefix = "plan-"
"""


def _iso(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def _customers() -> list[dict]:
    people = []
    for n in range(10):
        org_id, _, domains = ORGS[n % 3]
        domain = domains[0] if domains else "mail.test"
        people.append(
            {"id": 100 + n, "name": f"Customer {n}", "email": f"c{n}@{domain}",
             "role": "end-user", "organization_id": org_id}
        )  # fmt: skip
    people.append({"id": 199, "name": "No Mail", "email": None, "role": "end-user"})
    return people


class _Ticket:
    def __init__(self, number: int, requester: dict, at: datetime, rng: random.Random):
        self.rng, self.at, self.status = rng, at, "new"
        self.comments, self.audits, self.solves, self.replies = [], [], [], []
        self.reopens: list[datetime] = []
        self.row = {
            "id": number, "subject": f"Question {number} about maps", "requester_id": requester["id"],
            "submitter_id": requester["id"], "organization_id": requester.get("organization_id"),
            "assignee_id": rng.choice(AGENTS)[0], "priority": rng.choice(["low", "normal", "high", None]),
            "via": {"channel": rng.choice(["email", "web", "api", "voice"])},
            "tags": rng.sample(["maps", "billing", "api", "tiles"], 2), "created_at": _iso(at),
            "custom_fields": [
                {"id": 360001, "value": rng.choice(["bug", "howto", None])},
                {"id": 360002, "value": rng.choice(["pro", "free"])},
                {"id": 360009, "value": "left-out" if number % 5 == 0 else None},
            ],
        }  # fmt: skip
        self.comment(requester["id"], f"Hello, ticket {number} needs help.", public=True)

    def comment(self, author: int, body: str, *, public: bool, files=(), status=None) -> None:
        comment = {"id": 9000 + len(self.comments) + 100 * self.row["id"], "type": "Comment",
                   "author_id": author, "body": body, "html_body": f"<p>{body}</p>",
                   "public": public, "created_at": _iso(self.at), "attachments": list(files)}  # fmt: skip
        self.comments.append(comment)
        events = [comment]
        if status and status != self.status:
            events.append({"type": "Change", "field_name": "status", "value": status,
                           "previous_value": self.status})  # fmt: skip
            if status == "solved":
                self.solves.append(self.at)
            if self.status == "solved":
                self.reopens.append(self.at)
            self.status = status
        self.audits.append({"id": len(self.audits) + 1, "ticket_id": self.row["id"],
                            "created_at": _iso(self.at), "author_id": author, "events": events})  # fmt: skip
        if public and author < 100:
            self.replies.append(self.at)

    def later(self, hours: float) -> None:
        self.at += timedelta(hours=hours)


def generate(folder: Path, tickets: int = 24, seed: int = 7, lines: bool = False) -> dict:
    """Write the export into `folder`; what each week's report should count."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    users = [{"id": i, "name": n, "email": e, "role": r} for i, n, e, r in AGENTS] + _customers()
    organisations = [{"id": i, "name": n, "domain_names": d} for i, n, d in ORGS]
    rows = []
    expect: dict = {k: Counter() for k in ("received", "solved", "replies", "reopened")}
    expect["first_reply"] = defaultdict(list)  # week -> minutes from creation to first reply
    for number in range(1, tickets + 1):
        requester = rng.choice(users[len(AGENTS) :])
        at = START + timedelta(days=rng.randrange(0, 20), hours=rng.randrange(0, 9))
        ticket = _Ticket(number, requester, at, rng)
        agent = ticket.row["assignee_id"]
        if number == 1:
            ticket.comments[0]["attachments"] = [
                {"id": 5001, "file_name": "screenshot.png", "content_type": "image/png",
                 "content_url": "https://example.zendesk.com/attachments/5001"},
                {"id": 5002, "file_name": "trace.txt", "content_type": "text/plain",
                 "content_url": "https://example.zendesk.com/attachments/5002"},
            ]  # fmt: skip
            (folder / "attachments/5001").mkdir(parents=True, exist_ok=True)
            (folder / "attachments/5001/screenshot.png").write_bytes(b"\x89PNG fake image")
        plan = number % 4
        if plan != 3:  # plan 3 tickets stay new, unanswered
            ticket.later(rng.choice([0.5, 2, 5]))
            ticket.comment(agent, "Looking into it.", public=False)
            ticket.later(1)
            first = "solved" if plan == 0 or number % 8 == 1 else "pending"
            ticket.comment(agent, "Here is the answer.", public=True, status=first)
        if plan == 1:  # the customer answers (days later when it was solved), we solve
            ticket.later(100 if ticket.status == "solved" else 20)
            ticket.comment(requester["id"], "Thanks, one more thing.", public=True, status="open")
            ticket.later(3)
            ticket.comment(agent, "Done.", public=True, status="solved")
        if plan == 0 and number % 8 == 0:  # solved, then closed by the system
            ticket.later(96)
            ticket.audits.append({"id": 99, "ticket_id": number, "created_at": _iso(ticket.at),
                                  "author_id": -1, "events": [{"type": "Change", "field_name": "status",
                                  "value": "closed", "previous_value": "solved"}]})  # fmt: skip
            ticket.status = "closed"
        ticket.row.update(
            status=ticket.status, updated_at=_iso(ticket.at), comments=ticket.comments
        )
        rows.append({**ticket.row, "audits": ticket.audits})
        week = lambda t: t.isocalendar()[:2]  # noqa: E731
        expect["received"][week(at)] += 1
        for solved in {week(t) for t in ticket.solves}:
            expect["solved"][solved] += 1
        for reopened in {week(t) for t in ticket.reopens}:
            expect["reopened"][reopened] += 1
        if ticket.replies:
            minutes = (ticket.replies[0] - at).total_seconds() / 60
            expect["first_reply"][week(ticket.replies[0])].append(minutes)
        for replied in ticket.replies:
            expect["replies"][week(replied)] += 1
    (folder / "organizations.json").write_text(json.dumps({"organizations": organisations}))
    (folder / "users.json").write_text(json.dumps({"users": users}))
    if lines:
        (folder / "tickets.json").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    else:
        (folder / "tickets.json").write_text(json.dumps({"tickets": rows, "end_time": 0}))
    (folder / "mapping.toml").write_text(MAPPING)
    return expect
