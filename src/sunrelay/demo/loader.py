"""Writes a DemoPlan to the database, creating only what is missing.

Natural keys decide what exists: staff by username, accounts by name, domains by domain,
contacts by e-mail (case-insensitive), tags by name, tickets by external_ref. Rows are
built in memory and inserted with bulk_create, except the event log, which nothing points
at and which is most of the rows: it goes in as plain tuples (demo/fastinsert.py). Each
batch of tickets (with its messages, events, tags and CCs) commits on its own, so an
interrupted load leaves whole tickets only and the next run completes it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.functions import Lower

from sunrelay.accounts.models import Account, AccountDomain, Contact
from sunrelay.demo.eventlog import TicketLog
from sunrelay.demo.people import DEMO_PASSWORD
from sunrelay.demo.plan import DemoPlan
from sunrelay.desk.models import EventKind, Message, Tag, Ticket, TicketEvent
from sunrelay.lib.fastinsert import insert_rows, json_value
from sunrelay.team.models import StaffProfile, StaffRole, WorkingInterval

TICKET_BATCH = 1000
EVENT_FIELDS = ("ticket", "kind", "at", "actor_user", "actor_contact", "message", "old", "new")


class Progress(Protocol):
    def start(self, task: str, total: int) -> None: ...

    def advance(self, task: str, amount: int = 1) -> None: ...


class NoProgress:
    def start(self, task: str, total: int) -> None:
        pass

    def advance(self, task: str, amount: int = 1) -> None:
        pass


@dataclass
class Ids:
    """Natural key -> primary key, for everything tickets point at."""

    users: dict[str, int] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)  # lower-case e-mail
    tags: dict[str, int] = field(default_factory=dict)


def load(plan: DemoPlan, progress: Progress | None = None) -> Counter:
    """Create the missing part of `plan`; returns how many rows of each kind were created."""
    progress = progress or NoProgress()
    created: Counter = Counter()
    progress.start("people", 1)
    with transaction.atomic():
        ids = Ids()
        ids.users = _load_staff(plan, created)
        ids.accounts = _load_accounts(plan, ids.users, created)
        ids.contacts = _load_contacts(plan, ids.accounts, created)
        ids.tags = _load_tags(plan.tags, created)
    progress.advance("people")
    _load_tickets(plan, ids, created, progress)
    return created


# -- people and accounts (a few hundred rows) ----------------------------------------------


def _load_staff(plan: DemoPlan, created: Counter) -> dict[str, int]:
    usernames = [m.username for m in plan.staff]
    existing = dict(User.objects.filter(username__in=usernames).values_list("username", "id"))
    joined = plan.anchor - timedelta(days=400)
    new_users = [
        User(
            username=m.username,
            first_name=m.first_name,
            last_name=m.last_name,
            email=m.email,
            is_staff=True,
            is_superuser=m.superuser,
            date_joined=joined,
        )
        for m in plan.staff
        if m.username not in existing
    ]
    # Password hashing is deliberately slow; the hash releases the GIL, so use the cores.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda user: user.set_password(DEMO_PASSWORD), new_users))
    User.objects.bulk_create(new_users)
    created["staff users"] += len(new_users)
    user_ids = {**existing, **{u.username: u.pk for u in new_users}}

    with_profile = set(
        StaffProfile.objects.filter(user_id__in=user_ids.values()).values_list("user_id", flat=True)
    )
    profiles = [
        StaffProfile(user_id=user_ids[m.username], location=m.city, time_zone=m.time_zone)
        for m in plan.staff
        if user_ids[m.username] not in with_profile
    ]
    StaffProfile.objects.bulk_create(profiles)
    created["staff profiles"] += len(profiles)

    held = set(
        StaffRole.objects.filter(user_id__in=user_ids.values()).values_list("user_id", "role")
    )
    roles = [
        StaffRole(user_id=user_ids[m.username], role=role)
        for m in plan.staff
        for role in m.roles
        if (user_ids[m.username], role) not in held
    ]
    StaffRole.objects.bulk_create(roles)

    # Working hours only for people who have none: never touch hours someone edited.
    profile_ids = dict(
        StaffProfile.objects.filter(user_id__in=user_ids.values()).values_list("user_id", "id")
    )
    with_hours = set(
        WorkingInterval.objects.filter(profile_id__in=profile_ids.values()).values_list(
            "profile_id", flat=True
        )
    )
    intervals = [
        WorkingInterval(profile_id=profile_ids[user_ids[m.username]], weekday=d, start=s, end=e)
        for m in plan.staff
        if profile_ids[user_ids[m.username]] not in with_hours
        for d, s, e in m.hours
    ]
    WorkingInterval.objects.bulk_create(intervals)
    return user_ids


def _load_accounts(plan: DemoPlan, user_ids: dict[str, int], created: Counter) -> dict[str, int]:
    names = [a.name for a in plan.accounts]
    existing = dict(Account.objects.filter(name__in=names).values_list("name", "id"))
    new = [
        Account(
            name=a.name,
            tier=a.tier,
            mrr=a.mrr,
            strategic=a.strategic,
            time_zone=a.time_zone,
            ae_id=user_ids.get(a.ae) if a.ae else None,
            ce_id=user_ids.get(a.ce) if a.ce else None,
        )
        for a in plan.accounts
        if a.name not in existing
    ]
    Account.objects.bulk_create(new)
    # created_at is auto_now_add: bulk_create stamps "now"; give the customers a history.
    since = {a.name: a.created_at for a in plan.accounts}
    for account in new:
        account.created_at = since[account.name]
    Account.objects.bulk_update(new, ["created_at"])
    created["accounts"] += len(new)
    account_ids = {**existing, **{a.name: a.pk for a in new}}

    wanted = {d: a.name for a in plan.accounts for d in a.domains}
    taken = set(AccountDomain.objects.filter(domain__in=wanted).values_list("domain", flat=True))
    domains = [
        AccountDomain(account_id=account_ids[name], domain=domain)
        for domain, name in wanted.items()
        if domain not in taken
    ]
    AccountDomain.objects.bulk_create(domains)
    created["account domains"] += len(domains)
    return account_ids


def _load_contacts(plan: DemoPlan, account_ids: dict[str, int], created: Counter) -> dict[str, int]:
    emails = [c.email.lower() for c in plan.contacts]
    existing: dict[str, int] = {}
    for chunk in _chunks(emails, 500):
        existing.update(
            Contact.objects.annotate(lower_email=Lower("email"))
            .filter(lower_email__in=chunk)
            .values_list("lower_email", "id")
        )
    new = [
        Contact(name=c.name, email=c.email, skill=c.skill, account_id=account_ids[c.account])
        for c in plan.contacts
        if c.email.lower() not in existing
    ]
    Contact.objects.bulk_create(new, batch_size=500)
    since = {c.email: c.created_at for c in plan.contacts}
    for contact in new:
        contact.created_at = since[contact.email]
    Contact.objects.bulk_update(new, ["created_at"], batch_size=500)
    created["contacts"] += len(new)
    return {**existing, **{c.email.lower(): c.pk for c in new}}


def _load_tags(names: list[str], created: Counter) -> dict[str, int]:
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "id"))
    new = [Tag(name=n) for n in names if n not in existing]
    Tag.objects.bulk_create(new)
    created["tags"] += len(new)
    return {**existing, **{t.name: t.pk for t in new}}


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# -- tickets (tens of thousands of rows) ---------------------------------------------------


def existing_refs(refs: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(refs, 900):
        found.update(
            Ticket.objects.filter(external_ref__in=chunk).values_list("external_ref", flat=True)
        )
    return found


def _load_tickets(plan: DemoPlan, ids: Ids, created: Counter, progress: Progress) -> None:
    refs = plan.ticket_refs
    done = existing_refs(refs)
    missing = len(refs) - len(done)
    if not missing:
        return  # nothing to do: do not even plan the histories
    progress.start("plan", missing)
    progress.start("write", missing)
    batch: list[TicketLog] = []
    for log in plan.tickets():
        if log.ref in done:
            continue
        batch.append(log)
        progress.advance("plan")
        if len(batch) == TICKET_BATCH:
            _write_batch(batch, ids, created)
            progress.advance("write", len(batch))
            batch = []
    if batch:
        _write_batch(batch, ids, created)
        progress.advance("write", len(batch))


def _user_id(ids: Ids, username: str | None) -> int | None:
    return None if username is None else ids.users[username]


def _event_values(row, ids: Ids):
    """Event old/new as the services store them: people as primary keys."""
    if row.kind == EventKind.ASSIGNEE:
        return _user_id(ids, row.old), _user_id(ids, row.new)
    if row.kind == EventKind.CREATED:
        return row.old, {**row.new, "assignee": _user_id(ids, row.new["assignee"])}
    return row.old, row.new


@transaction.atomic
def _write_batch(logs: list[TicketLog], ids: Ids, created: Counter) -> None:
    tickets = [
        Ticket(
            subject=log.subject,
            account_id=ids.accounts[log.account],
            requester_id=ids.contacts[log.requester.lower()],
            channel=log.channel,
            status=log.status,
            priority=log.priority,
            level=log.level,
            assignee_id=_user_id(ids, log.assignee),
            cause=log.cause,
            bug_url=log.bug_url,
            interesting=log.interesting,
            external_ref=log.ref,
            created_at=log.created_at,
            updated_at=log.updated_at,
            solved_at=log.solved_at,
        )
        for log in logs
    ]
    Ticket.objects.bulk_create(tickets)

    messages: list[list[Message]] = []
    for log, ticket in zip(logs, tickets, strict=True):
        messages.append(
            [
                Message(
                    ticket_id=ticket.pk,
                    kind=m.kind,
                    author_user_id=_user_id(ids, m.author_user),
                    author_contact_id=ids.contacts[m.author_contact.lower()]
                    if m.author_contact
                    else None,
                    body_text=m.body,
                    created_at=m.at,
                )
                for m in log.messages
            ]
        )
    Message.objects.bulk_create([m for per_ticket in messages for m in per_ticket])

    # The event log is most of the rows and nothing points at an event: plain tuples.
    events = [
        (
            ticket.pk,
            row.kind,
            row.at,
            _user_id(ids, row.actor),
            ids.contacts[row.contact.lower()] if row.contact else None,
            ticket_messages[row.message].pk if row.message is not None else None,
            *(json_value(v) for v in _event_values(row, ids)),
        )
        for log, ticket, ticket_messages in zip(logs, tickets, messages, strict=True)
        for row in log.events
    ]
    insert_rows(TicketEvent, EVENT_FIELDS, events)

    tag_links = [
        Ticket.tags.through(ticket_id=ticket.pk, tag_id=ids.tags[name])
        for log, ticket in zip(logs, tickets, strict=True)
        for name in log.tags
    ]
    Ticket.tags.through.objects.bulk_create(tag_links)
    cc_links = [
        Ticket.ccs.through(ticket_id=ticket.pk, contact_id=ids.contacts[email.lower()])
        for log, ticket in zip(logs, tickets, strict=True)
        for email in log.ccs
    ]
    Ticket.ccs.through.objects.bulk_create(cc_links)
    created["tickets"] += len(tickets)
    created["messages"] += sum(len(m) for m in messages)
    created["events"] += len(events)
