"""Merging two tickets about one thing, and splitting a message off into a ticket of its own.

Merge: the merged ticket's messages (with their files) move to the survivor, where they take
their place by time; its requester and CCs become the survivor's CCs; it is closed pointing to
the survivor. Both logs say so; the merged ticket's own history stays where it is. The mail
app hears of it (desk.signals) and threads later mail on the survivor.

Split: one customer message becomes a new ticket of its writer, pointing back to where it
came from; both logs say so.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk import lifecycle
from sunrelay.desk.models import EventKind, Message, MessageKind, Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.desk.services.events import changed, event, record, record_change
from sunrelay.desk.services.messages import reply
from sunrelay.desk.services.opening import Opened
from sunrelay.desk.services.properties import refresh, state_of

MERGE_NOTICE = (
    "We have joined your request #{source} to #{target}, which is about the same thing: "
    "we continue here, and nothing you wrote is lost."
)


def _locked_pair(a: Ticket, b: Ticket) -> tuple[Ticket, Ticket]:
    # Always lock the lower id first: two merges of the same pair cannot deadlock.
    rows = {t.pk: t for t in Ticket.objects.select_for_update().filter(pk__in=[a.pk, b.pk])}
    return rows[a.pk], rows[b.pk]


@transaction.atomic
def merge_tickets(
    source: Ticket,
    target: Ticket,
    actor,
    *,
    tell_customer: bool = False,
    at: datetime | None = None,
) -> Ticket:
    """Merge `source` into `target`; returns the survivor. With `tell_customer`, a public
    reply on the survivor tells everyone on it (the merged ticket's people included)."""
    check_can_work(actor, source)
    check_can_work(actor, target)
    source_row, target_row = _locked_pair(source, target)
    lifecycle.check_merge(source_row.status, target_row.status, source_row.pk == target_row.pk)
    now = at or timezone.now()
    moved = Message.objects.filter(ticket=source_row).update(ticket=target_row)
    people = [source_row.requester, *source_row.ccs.all()]
    target_row.ccs.add(*[c for c in people if c.pk != target_row.requester_id])
    state = state_of(source_row)
    closing = lifecycle.close_merged(state, now)
    source_row.status, source_row.solved_at = state.status, state.solved_at
    source_row.merged_into = target_row
    source_row.updated_at = target_row.updated_at = now
    source_row.save()
    target_row.save()
    link = {"ticket": target_row.pk, "subject": target_row.subject}
    source_events = [
        record(source_row, EventKind.MERGED_INTO, at=now, actor=actor, new=link),
        record_change(source_row, closing, at=now, actor=actor),
    ]
    origin = {"ticket": source_row.pk, "subject": source_row.subject, "messages": moved}
    target_event = record(target_row, EventKind.MERGED_FROM, at=now, actor=actor, new=origin)
    changed(source_row, source_events, now)
    changed(target_row, [target_event], now)
    if tell_customer:
        reply(target_row, actor, MERGE_NOTICE.format(source=source_row.pk, target=target_row.pk))
    refresh(source, source_row)
    refresh(target, target_row)
    return target_row


@transaction.atomic
def split_message(
    message: Message, actor, *, subject: str = "", at: datetime | None = None
) -> Opened:
    """Open a new ticket from one customer message of another; the message moves to it."""
    source = Ticket.objects.select_for_update().get(pk=message.ticket_id)
    check_can_work(actor, source)
    if message.kind != MessageKind.CUSTOMER or message.author_contact_id is None:
        raise ValidationError({"message": "Only a customer's message can become a ticket."})
    if Message.objects.filter(ticket=source).count() < 2:
        raise ValidationError({"message": "The ticket has no other message: nothing to split."})
    lifecycle.check_not_closed(source.status)
    now = at or timezone.now()
    requester = message.author_contact
    title = lifecycle.clean_subject(subject or f"{source.subject} (split from #{source.pk})"[:2000])
    ticket = Ticket.objects.create(
        subject=title,
        requester=requester,
        account=requester.account,
        channel=source.channel,
        status=lifecycle.opening_status(None),
        priority=source.priority,
        level=source.level,
        split_from=source,
        created_at=now,
        updated_at=now,
    )
    Message.objects.filter(pk=message.pk).update(ticket=ticket)
    message.ticket = ticket
    state = state_of(ticket)
    snapshot = lifecycle.opening_snapshot(state, channel=ticket.channel)
    created = event(ticket, EventKind.CREATED, at=now, actor=actor, message=message, new=snapshot)
    created.save()
    origin = record(ticket, EventKind.SPLIT_FROM, at=now, actor=actor, new={"ticket": source.pk})
    off = record(
        source,
        EventKind.SPLIT_OFF,
        at=now,
        actor=actor,
        new={"ticket": ticket.pk, "message": message.pk},
    )
    source.updated_at = now
    source.save(update_fields=["updated_at"])
    changed(ticket, [created, origin], now)
    changed(source, [off], now)
    return Opened(ticket, message)
