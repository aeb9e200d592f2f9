"""The desk's side of one generated ticket (bench/reportgen.py with desk=True): the messages
behind its story's events, internal notes, files, its search document, and for an unsolved
ticket its SLA rows and queue place.

The texts are the demo's (sunrelay.demo.topics, demo.texts) filled with fresh values, so
words, request ids, names and addresses spread as in the demo. Message ids are
`ticket id * MESSAGE_STRIDE + n`: each worker process numbers its tickets' messages without
asking the database. SLA rows and documents come from the functions sla.services.recompute
and search.documents use, so they equal what the desk would store (tests/reports/
test_bench_data.py checks it). Warning and breach events of unsolved tickets are logged as
recompute logs them; solved tickets keep only their report clocks, as after an import.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from sunrelay.demo import texts
from sunrelay.demo.topics import TOPICS
from sunrelay.mail import files as mail_files
from sunrelay.search.documents import MESSAGE_CHARS, internal_text, public_text
from sunrelay.sla.clock import Happening, State
from sunrelay.sla.services import measure_policy, next_reply_minutes, next_running
from sunrelay.sla.urgency import urgency

MESSAGE_STRIDE = 16  # more than any story's messages and notes
TOPIC_WEIGHTS = [t.weight for t in TOPICS]
UNSOLVED = frozenset({"new", "open", "pending", "on_hold"})

MESSAGE_COLUMNS = (
    "id", "ticket_id", "kind", "author_user_id", "author_contact_id", "body_text", "body_html",
    "created_at",
)  # fmt: skip
# The bytes are a stand-in of a few hundred bytes: pages and search read names and sizes.
ATTACHMENT_COLUMNS = (
    "message_id", "filename", "content_type", "size", "sha256", "content_id", "inline",
    "storage_name",
)  # fmt: skip
SLA_COLUMNS = (
    "ticket_id", "metric", "policy_id", "state", "target_minutes", "business", "elapsed_minutes",
    "started_at", "deadline", "warn_at", "stopped_at", "breached_at", "computed_at",
    "warned_cycle", "breached_cycle",
)  # fmt: skip
URGENCY_COLUMNS = (
    "ticket_id", "urgency_at", "next_deadline", "next_metric", "reasons", "config_version",
)  # fmt: skip
DOCUMENT_COLUMNS = ("ticket_id", "subject", "public", "internal", "stale")

CUSTOMER_FILES = (
    ("screenshot.png", "image/png"),
    ("console-{request_id}.log", "text/plain"),
    ("{layer}.geojson", "application/geo+json"),
    ("network-{weekday}.har", "application/json"),
    ("{layer}-export.csv", "text/csv"),
)
AGENT_FILES = (("repro-{layer}.sql", "application/sql"), ("steps.pdf", "application/pdf"))
FILE_CHANCE = {"customer": 0.12, "reply": 0.03, "note": 0.06}
HTML_SHARE = 0.15  # customer mail that came with an HTML part


class Brief(NamedTuple):
    """What a ticket is about, chosen before its story (the subject is in its created event)."""

    topic: object
    values: dict
    subject: str


def brief(rng: random.Random, tid: int, channel: str) -> Brief:
    topic = rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]
    values = texts.fill_values(rng, topic)
    values["bug"] = f"ENG-{tid}"
    return Brief(topic, values, texts.subject(rng, topic, values, channel))


class Person(NamedTuple):
    """The requester as the ticket's texts and document name them."""

    name: str
    email: str
    skill: str
    account: str
    tier: str
    strategic: bool
    mrr: float


@dataclass
class DeskRows:
    """One batch's rows for the desk's tables, in the *_COLUMNS orders."""

    messages: list[tuple] = field(default_factory=list)
    attachments: list[tuple] = field(default_factory=list)
    slas: list[tuple] = field(default_factory=list)
    urgencies: list[tuple] = field(default_factory=list)
    documents: list[tuple] = field(default_factory=list)
    # The attachments' bytes, (name in the mail storage, data), stored beside the rows.
    files: list[tuple[str, bytes]] = field(default_factory=list)


class _Ticket:
    """What is written for one ticket while its story is walked."""

    def __init__(self, rng, rows: DeskRows, db_time, tid: int, about: Brief):
        self.rng, self.rows, self.db_time, self.tid, self.about = rng, rows, db_time, tid, about
        self.next_id = tid * MESSAGE_STRIDE
        self.public: list[str] = []
        self.internal: list[str] = []
        self.files: dict[bool, list[str]] = {False: [], True: []}  # internal? -> names

    def message(self, kind: str, user, contact, body: str, at: int, html: bool = False) -> int:
        mid, rng = self.next_id, self.rng
        self.next_id += 1
        body_html = ""
        if html and rng.random() < HTML_SHARE:
            body_html = "".join(f"<p>{_escape(p)}</p>" for p in body.split("\n\n"))
        self.rows.messages.append(
            (mid, self.tid, kind, user, contact, body, body_html, self.db_time(at))
        )
        (self.internal if kind == "note" else self.public).append(body[:MESSAGE_CHARS])
        if rng.random() < FILE_CHANCE[kind]:
            name, content_type = rng.choice(AGENT_FILES if kind != "customer" else CUSTOMER_FILES)
            name = name.format(**self.about.values)
            data = rng.randbytes(rng.randint(64, 512))
            digest = hashlib.sha256(data).hexdigest()
            stored_as = mail_files.name_for(mail_files.ATTACHMENTS, digest)
            self.rows.attachments.append(
                (mid, name, content_type, len(data), digest, "", False, stored_as)
            )
            self.rows.files.append((stored_as, data))
            self.files[kind == "note"].append(name)
        return mid


def add_ticket(rng, rows: DeskRows, db_time, story, ticket: dict, about: Brief, who: Person, team):
    """Messages and notes for `story` (notes are appended to story.events as "noted"
    events); returns the message id of each event of story.events, None for the others."""
    t = _Ticket(rng, rows, db_time, story.tid, about)
    topic, values, skill = about.topic, about.values, who.skill
    first_name = who.name.split(" ")[0]
    answers = _answers(story.events)
    seen, solved, reopened, last_reply, ids, notes = 0, False, False, "", [], []
    for i, event in enumerate(list(story.events)):
        kind, at, actor, contact = event[1], event[2], event[3], event[4]
        solved = solved or (kind == "status" and event[6] == SOLVED)
        if kind == "created":
            body = texts.first_message(
                rng, topic, values, skill=skill, priority=ticket["priority"],
                channel=ticket["channel"], name=who.name, company=who.account,
            )  # fmt: skip
            ids.append(t.message("customer", None, contact, body, at, html=True))
        elif kind == "received":
            reopened = reopened or solved
            body = (
                texts.customer_still_failing(rng, values, name=who.name)
                if reopened
                else texts.provide_details(rng, topic, values, name=who.name)
            )
            if last_reply and ticket["channel"] == "email" and rng.random() < 0.5:
                body += "\n\nOn an earlier day, Support wrote:\n> " + last_reply.replace(
                    "\n", "\n> "
                )
            ids.append(t.message("customer", None, contact, body, at, html=True))
        elif kind == "replied":
            seen += 1
            if seen == 1:  # notes of the reproduction, written before the first answer
                notes = _notes(t, story, ticket, actor, at)
            agent = team.first_names[actor]
            if i not in answers:
                body = texts.ask_for_details(
                    topic, values, skill=skill, first_name=first_name, agent=agent
                )
            else:
                body = texts.solution(
                    topic, values, cause=ticket["cause"] or "question", skill=skill,
                    first_name=first_name, agent=agent, again=reopened,
                )  # fmt: skip
            last_reply = body
            ids.append(t.message("reply", actor, None, body, at))
        else:
            ids.append(None)
    for event, mid in notes:
        story.events.append(event)
        ids.append(mid)
    rows.documents.append(
        (
            story.tid,
            about.subject,
            public_text(who.name, who.email, who.account, [*t.public, *t.files[False]]),
            internal_text([*t.internal, *t.files[True]]),
            False,
        )
    )
    return ids


SOLVED = json.dumps("solved")


def _answers(events) -> set[int]:
    """Indexes of the replies that solve the ticket: the next thing after them is solving
    it (not another message)."""
    answers, following = set(), None
    for i in range(len(events) - 1, -1, -1):
        kind, new = events[i][1], events[i][6]
        if kind == "replied" and following == "solved":
            answers.add(i)
        if kind in ("replied", "received") or (kind == "status" and new == SOLVED):
            following = "solved" if kind == "status" else kind
    return answers


def _notes(t: _Ticket, story, ticket: dict, agent: int, reply_at: int) -> list[tuple]:
    """Internal notes a few minutes before the first reply: the reproduction most of the
    time, the bug filed for product bugs, a word on priority now and then."""
    rng, (topic, values, subject) = t.rng, t.about
    bodies = []
    if rng.random() < 0.8:
        bodies.append(texts.note_repro(topic, values))
    if ticket["bug_url"]:
        bodies.append(texts.note_bug_filed(topic, values, subject))
    if rng.random() < 0.35:
        bodies.append(texts.note_priority(ticket["priority"] in ("high", "urgent")))
    created = story.events[0][2]
    notes = []
    for i, body in enumerate(bodies):
        at = max(created + 1, reply_at - 120 * (len(bodies) - i))
        mid = t.message("note", agent, None, body, at)
        notes.append(((story.tid, "noted", at, agent, None, None, None), mid))
    return notes


def add_sla(rows: DeskRows, story, ticket: dict, who: Person, policy, config, now: datetime,
            db_value) -> list[tuple]:  # fmt: skip
    """SLA rows and queue place of an unsolved ticket at `now`, as sla.services.recompute
    stores them; returns the warning and breach events it would log (event-row shaped,
    times as POSIX seconds)."""
    if story.status not in UNSOLVED:
        return []
    moment = lambda t: datetime.fromtimestamp(t, UTC)  # noqa: E731
    history = [Happening(moment(t), kind, status) for t, kind, status, _actor in story.steps]
    targets, events = [], []
    for target, m, warn_at in measure_policy(history, policy, config, None, now):
        data = {
            "metric": target.metric.value,
            "target_minutes": target.minutes,
            "cycle_start": m.started_at.isoformat(),
        }
        warned = m.started_at if m.state is State.WARNING else None
        breached = m.started_at if m.breached_at is not None else None
        if warned:
            events.append((story.tid, "sla_warning", now.timestamp(), None, None, None, data))
        if breached:
            events.append(
                (story.tid, "sla_breached", m.breached_at.timestamp(), None, None, None, data)
            )
        rows.slas.append(
            (
                story.tid, target.metric.value, policy.id, m.state.value, target.minutes,
                target.business, m.elapsed_minutes, *map(db_value, (
                    m.started_at, m.deadline, warn_at, m.stopped_at, m.breached_at, now, warned,
                    breached,
                )),
            )
        )  # fmt: skip
        targets.append(m)
    first, paused = next_running(targets, story.status)
    key, reasons = urgency(
        next_deadline=first.deadline if first else None,
        next_metric=first.metric.value if first else "",
        paused=paused,
        created_at=moment(story.events[0][2]),
        priority=ticket["priority"],
        tier=who.tier,
        strategic=who.strategic,
        mrr=who.mrr,
        next_reply_minutes=next_reply_minutes(policy),
    )
    rows.urgencies.append(
        (
            story.tid,
            db_value(key),
            db_value(first.deadline if first else None),
            first.metric.value if first else "",
            json.dumps(reasons),
            config.version,
        )
    )
    return [(*e[:6], json.dumps(e[6])) for e in events]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
