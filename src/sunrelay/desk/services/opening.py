"""Opening a ticket: the rows it writes (shared with desk.bulk) and the service."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk import lifecycle
from sunrelay.desk.html import sanitize
from sunrelay.desk.models import (
    Channel,
    EventKind,
    Level,
    Message,
    MessageKind,
    Priority,
    Ticket,
    TicketEvent,
)
from sunrelay.desk.permissions import check_can_work
from sunrelay.desk.services.events import changed, event
from sunrelay.desk.services.properties import check_assignee, set_tags


@dataclass(frozen=True)
class NewTicket:
    """What a new ticket starts with. `account` defaults to the requester's; `at` to now;
    `follow_up_of` links a ticket opened because the customer wrote on one closed long ago."""

    requester: Contact
    subject: str
    body: str
    html: str = ""
    channel: str = Channel.WEB
    priority: str = Priority.NORMAL
    level: str = Level.L1
    assignee: object = None
    tags: Iterable[str] = ()
    ccs: Iterable[Contact] = ()
    account: object = None
    external_ref: str = ""
    at: datetime | None = None
    follow_up_of: Ticket | None = None


@dataclass(frozen=True)
class Opened:
    """A ticket just opened and the requester's first message on it."""

    ticket: Ticket
    message: Message


def opening_rows(new: NewTicket, *, actor, at: datetime) -> tuple[Ticket, Message, TicketEvent]:
    """The rows opening a ticket writes, validated and not yet saved (create_ticket, desk.bulk).

    `actor` is the staff user opening it on the customer's behalf, or None when the customer
    opened it themselves (mail, web form)."""
    subject = lifecycle.clean_subject(new.subject)
    lifecycle.check_body(new.body)
    lifecycle.check_choice("channel", new.channel, Channel)
    lifecycle.check_choice("priority", new.priority, Priority)
    lifecycle.check_choice("level", new.level, Level)
    check_assignee(new.assignee)
    requester, assignee = new.requester, new.assignee
    state = lifecycle.TicketState(
        subject=subject,
        status=lifecycle.opening_status(assignee),
        priority=new.priority,
        level=new.level,
        assignee=assignee.pk if assignee is not None else None,
        tags=lifecycle.normalize_tags(new.tags),
    )
    ticket = Ticket(
        subject=subject,
        requester=requester,
        account=new.account if new.account is not None else requester.account,
        channel=new.channel,
        status=state.status,
        priority=new.priority,
        level=new.level,
        assignee=assignee,
        external_ref=new.external_ref,
        follow_up_of=new.follow_up_of,
        created_at=at,
        updated_at=at,
    )
    message = Message(
        ticket=ticket,
        kind=MessageKind.CUSTOMER,
        author_contact=requester,
        body_text=new.body,
        body_html=sanitize(new.html),
        created_at=at,
    )
    follow_up_of = new.follow_up_of.pk if new.follow_up_of is not None else None
    opened = event(
        ticket,
        EventKind.CREATED,
        at=at,
        actor=actor,
        contact=requester if actor is None else None,
        message=message,
        new=lifecycle.opening_snapshot(state, channel=new.channel, follow_up_of=follow_up_of),
    )
    return ticket, message, opened


def _external_ref_taken(ref: str) -> ValidationError:
    return ValidationError({"external_ref": f"A ticket with reference {ref!r} exists."})


@transaction.atomic
def create_ticket(new: NewTicket, *, actor) -> Opened:
    """Open a ticket with the requester's first message (see opening_rows for `actor`)."""
    if actor is not None:
        check_can_work(actor)
    now = new.at or timezone.now()
    ticket, message, opened = opening_rows(new, actor=actor, at=now)
    ref = new.external_ref
    if ref and Ticket.objects.filter(external_ref=ref).exists():
        raise _external_ref_taken(ref)
    try:
        # A concurrent twin with the same external reference loses cleanly.
        with transaction.atomic():
            ticket.save()
    except IntegrityError:
        raise _external_ref_taken(ref) from None
    if opened.new["tags"]:
        set_tags(ticket, opened.new["tags"])
    # In the order the customer listed them (ccs.set() would lose it): replies copy the first
    # few (SUNRELAY_MAX_CC).
    cc_list = list({c.pk: c for c in new.ccs if c.pk != new.requester.pk}.values())
    if cc_list:
        through = Ticket.ccs.through
        through.objects.bulk_create([through(ticket=ticket, contact=c) for c in cc_list])
    message.save()
    opened.save()
    changed(ticket, [opened], now)
    return Opened(ticket, message)
