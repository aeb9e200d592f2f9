"""Every change to a ticket happens here, and every change leaves its TicketEvent.

Views, the API and the admin parse input and call these functions; they never save a
ticket themselves. Rule violations raise django.core.exceptions.ValidationError with a
message per field; access violations raise PermissionDenied.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk.html import sanitize
from sunrelay.desk.models import (
    Cause,
    Channel,
    EventKind,
    Level,
    Message,
    MessageKind,
    Priority,
    Status,
    Tag,
    Ticket,
    TicketEvent,
)
from sunrelay.desk.permissions import check_can_work
from sunrelay.sla import services as sla
from sunrelay.team.roles import works_tickets

MAX_TAG_LENGTH = 64


class _System:
    """Sunrelay itself as the actor (routing, hand-offs, coverage); events show no person."""

    is_active = True
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def _check_actor(actor, ticket=None) -> None:
    if actor is not SYSTEM:
        check_can_work(actor, ticket)


def _event(ticket, kind, *, at, actor=None, contact=None, old=None, new=None, message=None):
    """An event row, not yet saved."""
    return TicketEvent(
        ticket=ticket,
        kind=kind,
        at=at,
        actor_user=None if actor is SYSTEM else actor,
        actor_contact=contact,
        old=old,
        new=new,
        message=message,
    )


def _record(ticket, kind, **fields):
    event = _event(ticket, kind, **fields)
    event.save()
    return event


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


def _set_tags(ticket: Ticket, names: list[str]) -> None:
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name], _ = Tag.objects.get_or_create(name=name)
    ticket.tags.set([existing[n] for n in names])


def _check_choice(field: str, value: str, choices) -> None:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ValidationError({field: f"{value!r} is not one of: {allowed}."})


def _check_assignee(user) -> None:
    if user is not None and not (user.is_active and works_tickets(user)):
        raise ValidationError({"assignee": f"{user} cannot be assigned tickets (no support role)."})


def _check_body(body: str) -> None:
    if not body or not body.strip():
        raise ValidationError({"body": "The message is empty."})


def opening_rows(
    *,
    actor,
    requester: Contact,
    subject: str,
    body: str,
    html: str = "",
    channel: str = Channel.WEB,
    priority: str = Priority.NORMAL,
    level: str = Level.L1,
    assignee=None,
    account=None,
    external_ref: str = "",
    at: datetime,
    follow_up_of: Ticket | None = None,
    tag_names: list[str] = (),
) -> tuple[Ticket, Message, TicketEvent]:
    """The rows opening a ticket writes, validated and not yet saved (create_ticket, desk.bulk)."""
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": "A ticket needs a subject."})
    _check_body(body)
    _check_choice("channel", channel, Channel)
    _check_choice("priority", priority, Priority)
    _check_choice("level", level, Level)
    _check_assignee(assignee)
    ticket = Ticket(
        subject=subject[:250],
        requester=requester,
        account=account if account is not None else requester.account,
        channel=channel,
        status=Status.NEW if assignee is None else Status.OPEN,
        priority=priority,
        level=level,
        assignee=assignee,
        external_ref=external_ref,
        follow_up_of=follow_up_of,
        created_at=at,
        updated_at=at,
    )
    message = Message(
        ticket=ticket,
        kind=MessageKind.CUSTOMER,
        author_contact=requester,
        body_text=body,
        body_html=sanitize(html),
        created_at=at,
    )
    event = _event(
        ticket,
        EventKind.CREATED,
        at=at,
        actor=actor,
        contact=requester if actor is None else None,
        message=message,
        new={
            "subject": ticket.subject,
            "channel": channel,
            "status": ticket.status,
            "priority": priority,
            "level": level,
            "assignee": assignee.pk if assignee else None,
            "tags": list(tag_names),
            **({"follow_up_of": follow_up_of.pk} if follow_up_of is not None else {}),
        },
    )
    return ticket, message, event


@transaction.atomic
def create_ticket(
    *,
    actor,
    requester: Contact,
    subject: str,
    body: str,
    html: str = "",
    channel: str = Channel.WEB,
    priority: str = Priority.NORMAL,
    level: str = Level.L1,
    assignee=None,
    tags: Iterable[str] = (),
    ccs: Iterable[Contact] = (),
    account=None,
    external_ref: str = "",
    at: datetime | None = None,
    follow_up_of: Ticket | None = None,
) -> Ticket:
    """Open a ticket with the requester's first message.

    `actor` is the staff user opening it on the customer's behalf, or None when the
    customer opened it themselves (mail, web form). `account` defaults to the requester's.
    `follow_up_of` links a ticket opened because the customer wrote on one closed long ago.
    """
    if actor is not None:
        check_can_work(actor)
    tag_names = normalize_tags(tags)
    now = at or timezone.now()
    ticket, message, event = opening_rows(
        actor=actor,
        requester=requester,
        subject=subject,
        body=body,
        html=html,
        channel=channel,
        priority=priority,
        level=level,
        assignee=assignee,
        account=account,
        external_ref=external_ref,
        at=now,
        follow_up_of=follow_up_of,
        tag_names=tag_names,
    )
    if external_ref and Ticket.objects.filter(external_ref=external_ref).exists():
        raise ValidationError({"external_ref": f"A ticket with reference {external_ref!r} exists."})
    try:
        # A concurrent twin with the same external reference loses cleanly.
        with transaction.atomic():
            ticket.save()
    except IntegrityError:
        raise ValidationError(
            {"external_ref": f"A ticket with reference {external_ref!r} exists."}
        ) from None
    if tag_names:
        _set_tags(ticket, tag_names)
    cc_list = [c for c in ccs if c.pk != requester.pk]
    if cc_list:
        ticket.ccs.set(cc_list)
    message.save()
    event.save()
    sla.recompute(ticket, now)
    if actor is None:
        consider_paging(ticket, message)
    return ticket


def consider_paging(ticket: Ticket, message: Message) -> None:
    # Urgent words from an enterprise or partner customer page the on-call person; the rule
    # only records a request here, the worker does the paging.
    from sunrelay.paging.rules import consider_message

    consider_message(ticket, message)


def _locked(ticket: Ticket) -> Ticket:
    """Re-read the ticket under a row lock; call inside a transaction."""
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def _refresh(target: Ticket, source: Ticket) -> None:
    for field in Ticket._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _status_event(ticket: Ticket, new_status: str, *, at, actor=None, contact=None):
    """Change the status in memory; the event row is returned unsaved (None if unchanged)."""
    old = ticket.status
    if new_status == old:
        return None
    ticket.status = new_status
    if new_status == Status.SOLVED:
        ticket.solved_at = at
    elif new_status != Status.CLOSED:
        ticket.solved_at = None
    return _event(
        ticket, EventKind.STATUS, at=at, actor=actor, contact=contact, old=old, new=new_status
    )


def _change_status(ticket: Ticket, new_status: str, *, at, actor=None, contact=None):
    event = _status_event(ticket, new_status, at=at, actor=actor, contact=contact)
    if event is not None:
        event.save()
    return event


def customer_message_rows(
    ticket: Ticket, contact: Contact, body: str, html: str, at: datetime
) -> tuple[Message, list[TicketEvent]]:
    """The rows a customer's message on a ticket writes, not yet saved; the ticket itself is
    changed in memory: pending or solved tickets open again (receive_customer_message,
    desk.bulk)."""
    _check_body(body)
    if ticket.status == Status.CLOSED:
        raise ValidationError({"status": "The ticket is closed; open a follow-up ticket instead."})
    message = Message(
        ticket=ticket,
        kind=MessageKind.CUSTOMER,
        author_contact=contact,
        body_text=body,
        body_html=sanitize(html),
        created_at=at,
    )
    events = [_event(ticket, EventKind.RECEIVED, at=at, contact=contact, message=message)]
    if ticket.status in (Status.PENDING, Status.SOLVED):
        events.append(_status_event(ticket, Status.OPEN, at=at, contact=contact))
    ticket.updated_at = at
    return message, events


@transaction.atomic
def receive_customer_message(
    ticket: Ticket, contact: Contact, body: str, html: str = "", at: datetime | None = None
) -> Message:
    """A customer wrote on the ticket: pending or solved tickets open again."""
    _check_body(body)
    locked = _locked(ticket)
    now = at or timezone.now()
    message, events = customer_message_rows(locked, contact, body, html, now)
    message.save()
    for event in events:
        event.save()
    locked.save()
    sla.recompute(locked, now)
    consider_paging(locked, message)
    _refresh(ticket, locked)
    return message


@transaction.atomic
def reply(
    ticket: Ticket,
    author,
    body: str,
    *,
    html: str = "",
    public: bool = True,
    status: str | None = None,
    at: datetime | None = None,
) -> Message:
    """Add a public reply (public=True) or an internal note, optionally changing the status.

    A first public reply on a new ticket opens it.
    """
    check_can_work(author, ticket)
    _check_body(body)
    locked = _locked(ticket)
    if locked.status == Status.CLOSED:
        raise ValidationError({"status": "The ticket is closed; open a follow-up ticket instead."})
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=locked,
        kind=MessageKind.REPLY if public else MessageKind.NOTE,
        author_user=author,
        body_text=body,
        body_html=sanitize(html),
        created_at=now,
    )
    _record(
        locked,
        EventKind.REPLIED if public else EventKind.NOTED,
        at=now,
        actor=author,
        message=message,
    )
    locked.updated_at = now
    if status is not None:
        _apply_changes(locked, author, {"status": status}, now)
    elif public and locked.status == Status.NEW:
        _change_status(locked, Status.OPEN, at=now, actor=author)
    locked.save()
    if public or status is not None:
        sla.recompute(locked, now)
    _refresh(ticket, locked)
    if public:
        # Queued in this transaction: the reply and its e-mail commit together or not at all.
        from sunrelay.mail.outbox import enqueue_reply

        enqueue_reply(message)
    return message


@transaction.atomic
def record_auto_reply(
    ticket: Ticket, contact: Contact | None, body: str, *, html: str = "", at=None
) -> Message:
    """An automatic reply (out of office, auto-responder) on the ticket: recorded, never
    answered; it changes neither the status nor the ticket's place in the queue."""
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket,
        kind=MessageKind.AUTO_REPLY,
        author_contact=contact,
        body_text=body or "(empty automatic reply)",
        body_html=sanitize(html),
        created_at=now,
    )
    _record(ticket, EventKind.AUTO_REPLY, at=now, contact=contact, message=message)
    return message


@transaction.atomic
def record_bounce(
    ticket: Ticket,
    body: str,
    *,
    html: str = "",
    details: dict[str, Any] | None = None,
    at=None,
) -> Message:
    """A delivery failure report for one of our replies on this ticket, shown to agents."""
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket,
        kind=MessageKind.BOUNCE,
        body_text=body or "(empty delivery report)",
        body_html=sanitize(html),
        created_at=now,
    )
    _record(ticket, EventKind.BOUNCED, at=now, message=message, new=details or {})
    return message


def record_delivery_failure(
    ticket: Ticket, *, message: Message | None, reason: str, at=None
) -> TicketEvent:
    """A reply could not be sent (refused, or retried too often): shown on the ticket."""
    return _record(
        ticket,
        EventKind.DELIVERY_FAILED,
        at=at or timezone.now(),
        message=message,
        new={"reason": reason[:1000]},
    )


@transaction.atomic
def system_note(ticket: Ticket, body: str, *, author=None, at: datetime | None = None) -> Message:
    """An internal note written by Sunrelay (hand-off summaries), or on behalf of `author`."""
    _check_body(body)
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket, kind=MessageKind.NOTE, author_user=author, body_text=body, created_at=now
    )
    _record(ticket, EventKind.NOTED, at=now, actor=author or SYSTEM, message=message)
    return message


def record_handoff(
    ticket: Ticket, from_id, to_id, from_region: str, to_region: str, *, at
) -> TicketEvent:
    """The follow-the-sun hand-off of a ticket between regions, for the log and the reports."""
    return _record(
        ticket,
        EventKind.HANDED_OFF,
        at=at,
        actor=SYSTEM,
        old={"user": from_id, "region": from_region},
        new={"user": to_id, "region": to_region},
    )


# Kinds other domains write through record_event (their own rules live with them).
RECORDED_ELSEWHERE = frozenset(
    {
        EventKind.LEVEL_RAISED,
        EventKind.PAGED,
        EventKind.NOTIFIED,
        EventKind.ACKNOWLEDGED,
        EventKind.PAGING_ENDED,
    }
)


def record_event(
    ticket: Ticket, kind: str, *, actor=SYSTEM, at: datetime | None = None, old=None, new=None
) -> TicketEvent:
    """A raised level or a paging event in the ticket's log (schedule.level_up, paging)."""
    if kind not in RECORDED_ELSEWHERE:
        raise ValueError(f"{kind!r} events are written by desk.services itself")
    return _record(ticket, kind, at=at or timezone.now(), actor=actor, old=old, new=new)


def note(
    ticket: Ticket, author, body: str, *, html: str = "", at: datetime | None = None
) -> Message:
    """An internal note: seen by staff only."""
    return reply(ticket, author, body, html=html, public=False, at=at)


EDITABLE_FIELDS = frozenset(
    {
        "account",
        "subject",
        "status",
        "priority",
        "level",
        "assignee",
        "cause",
        "bug_url",
        "interesting",
        "tags",
    }
)


@transaction.atomic
def update_ticket(
    ticket: Ticket, actor, at: datetime | None = None, **changes: Any
) -> list[TicketEvent]:
    """Change ticket properties; returns the events written (empty when nothing changed).

    Solving requires a cause (already set or given in the same call); closed tickets are
    final; a ticket is closed only once solved.
    """
    _check_actor(actor, ticket)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    locked = _locked(ticket)
    now = at or timezone.now()
    events = _apply_changes(locked, actor, changes, now)
    if events:
        locked.updated_at = now
        locked.save()
        sla.recompute(locked, now)
    _refresh(ticket, locked)
    return events


def check_changes(ticket: Ticket, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate property changes without writing; returns them cleaned.

    Forms call this to show errors in place before update_ticket runs.
    """
    errors: dict[str, str] = {}
    clean = dict(changes)
    if ticket.status == Status.CLOSED:
        raise ValidationError({"status": "The ticket is closed; open a follow-up ticket instead."})
    for field, choices in (("status", Status), ("priority", Priority), ("level", Level)):
        if field in clean and clean[field] not in choices.values:
            errors[field] = f"{clean[field]!r} is not one of: {', '.join(choices.values)}."
    if "cause" in clean:
        clean["cause"] = clean["cause"] or ""
        if clean["cause"] and clean["cause"] not in Cause.values:
            errors["cause"] = f"{clean['cause']!r} is not one of: {', '.join(Cause.values)}."
    if "subject" in clean:
        clean["subject"] = (clean["subject"] or "").strip()
        if not clean["subject"]:
            errors["subject"] = "A ticket needs a subject."
        elif len(clean["subject"]) > 250:
            errors["subject"] = "The subject is longer than 250 characters."
    if "bug_url" in clean:
        clean["bug_url"] = (clean["bug_url"] or "").strip()
        if clean["bug_url"]:
            try:
                URLValidator(schemes=["http", "https"])(clean["bug_url"])
            except ValidationError:
                errors["bug_url"] = "The bug link must be an http(s) URL."
    if "assignee" in clean:
        try:
            _check_assignee(clean["assignee"])
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if "tags" in clean:
        try:
            clean["tags"] = normalize_tags(clean["tags"] or [])
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if "interesting" in clean:
        clean["interesting"] = bool(clean["interesting"])
    new_status = clean.get("status", ticket.status)
    new_cause = clean.get("cause", ticket.cause)
    if new_status in (Status.SOLVED, Status.CLOSED) and not new_cause:
        errors.setdefault(
            "cause",
            "Say what caused it before solving: user data or code, product bug, question or feature request.",
        )
    if clean.get("status") == Status.CLOSED and ticket.status != Status.SOLVED:
        errors.setdefault("status", "Solve the ticket before closing it.")
    if errors:
        raise ValidationError(errors)
    return clean


def _id(instance) -> int | None:
    return instance.pk if instance is not None else None


def _account_ref(account) -> dict | None:
    return {"id": account.pk, "name": account.name} if account is not None else None


def _apply_changes(ticket: Ticket, actor, changes: dict[str, Any], now) -> list[TicketEvent]:
    clean = check_changes(ticket, changes)
    events: list[TicketEvent] = []

    def record(kind, old, new):
        events.append(_record(ticket, kind, at=now, actor=actor, old=old, new=new))

    for field, kind in (
        ("subject", EventKind.SUBJECT),
        ("priority", EventKind.PRIORITY),
        ("level", EventKind.LEVEL),
        ("cause", EventKind.CAUSE),
        ("bug_url", EventKind.BUG_LINK),
        ("interesting", EventKind.INTERESTING),
    ):
        if field in clean and clean[field] != getattr(ticket, field):
            record(kind, getattr(ticket, field), clean[field])
            setattr(ticket, field, clean[field])
    if "account" in clean and _id(clean["account"]) != ticket.account_id:
        # Names kept in the event: the history reads as it was, whatever is renamed later.
        record(EventKind.ACCOUNT, _account_ref(ticket.account), _account_ref(clean["account"]))
        ticket.account = clean["account"]
    if "assignee" in clean:
        new_user = clean["assignee"]
        new_id = new_user.pk if new_user else None
        if new_id != ticket.assignee_id:
            record(EventKind.ASSIGNEE, ticket.assignee_id, new_id)
            ticket.assignee = new_user
            if new_user is not None and ticket.status == Status.NEW and "status" not in clean:
                events.append(_change_status(ticket, Status.OPEN, at=now, actor=actor))
    if "tags" in clean:
        old_tags = sorted(ticket.tags.values_list("name", flat=True))
        if clean["tags"] != old_tags:
            record(EventKind.TAGS, old_tags, clean["tags"])
            _set_tags(ticket, clean["tags"])
    if "status" in clean and clean["status"] != ticket.status:
        events.append(_change_status(ticket, clean["status"], at=now, actor=actor))
    return events
