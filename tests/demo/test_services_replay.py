"""The demo writes its history exactly as desk.services would.

A sample of planned tickets is replayed through the real service functions; the events,
messages and final state must equal what the bulk loader wrote for the same tickets.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import EventKind, Ticket
from tests.demo.conftest import SMALL_ARGS, WRITTEN_KINDS

pytestmark = pytest.mark.django_db


def _features(log) -> set:
    """What a history exercises: event kinds, status moves, who acted, channels."""
    found = {("channel", log.channel), ("final", log.status)}
    for e in log.events:
        found.add((e.kind, e.old, e.new) if e.kind == EventKind.STATUS else (e.kind,))
        found.add(("by-contact" if e.contact else "by-staff", e.kind))
    return found


def diverse_sample(logs, extra: int = 10):
    """The fewest tickets that together show every feature, plus the first few."""
    chosen, seen = list(logs[:extra]), set()
    for log in chosen:
        seen |= _features(log)
    for log in logs:
        new = _features(log) - seen
        if new:
            chosen.append(log)
            seen |= new
    return chosen


def replay(log, users, contacts) -> Ticket:
    ticket = None
    for action in log.actions:
        a = action.args
        if action.op == "create":
            ticket = services.create_ticket(
                services.NewTicket(
                    requester=contacts[a["requester"]],
                    subject=a["subject"],
                    body=a["body"],
                    channel=a["channel"],
                    priority=a["priority"],
                    level=a["level"],
                    assignee=users.get(a["assignee"]),
                    tags=a["tags"],
                    ccs=[contacts[e] for e in a["ccs"]],
                    external_ref=f"replay-{log.ref}",
                    at=action.at,
                ),
                actor=None,
            ).ticket
        elif action.op == "receive":
            services.receive_customer_message(
                ticket, contacts[a["contact"]], a["body"], at=action.at
            )
        elif action.op == "reply":
            services.reply(
                ticket,
                users[a["author"]],
                a["body"],
                public=a["public"],
                status=a["status"],
                at=action.at,
                posted_on=a["posted_on"],
            )
        else:
            changes = dict(a["changes"])
            if "assignee" in changes:
                changes["assignee"] = users.get(changes["assignee"])
            services.update_ticket(ticket, users[a["actor"]], at=action.at, **changes)
    return ticket


def history(ticket: Ticket) -> list[tuple]:
    rows = []
    # The loader writes history only; SLA observations come from the services' recompute.
    events = ticket.events.exclude(kind__in=[EventKind.SLA_WARNING, EventKind.SLA_BREACHED])
    for e in events.select_related("actor_user", "actor_contact", "message"):
        message = (e.message.kind, e.message.body_text, e.message.created_at) if e.message else None
        rows.append(
            (
                e.kind,
                e.at,
                e.actor_user.username if e.actor_user else None,
                e.actor_contact.email if e.actor_contact else None,
                message,
                e.old,
                e.new,
            )
        )
    return rows


def state(ticket: Ticket) -> tuple:
    ticket.refresh_from_db()
    return (
        ticket.subject, ticket.account_id, ticket.requester_id, ticket.channel, ticket.status,
        ticket.priority, ticket.level, ticket.assignee_id, ticket.cause, ticket.bug_url,
        ticket.interesting, ticket.created_at, ticket.updated_at, ticket.solved_at,
        sorted(ticket.tags.values_list("name", flat=True)),
        sorted(ticket.ccs.values_list("email", flat=True)),
        list(ticket.messages.values_list("kind", "author_user", "author_contact", "body_text", "body_html", "created_at")),
    )  # fmt: skip


def test_replaying_through_the_services_writes_the_same_history(small_tickets):
    call_command("demo", *SMALL_ARGS, "--quiet")
    users = {u.username: u for u in User.objects.all()}
    contacts = {c.email: c for c in Contact.objects.all()}
    sample = diverse_sample(small_tickets)
    kinds = {e.kind for log in sample for e in log.events}
    assert kinds == WRITTEN_KINDS
    for log in sample:
        loaded = Ticket.objects.get(external_ref=log.ref)
        replayed = replay(log, users, contacts)
        assert history(replayed) == history(loaded), log.ref
        assert state(replayed) == state(loaded), log.ref
