"""A person's notifications: made once per cause, counted, read and marked read."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sunrelay.notify import emails, preferences
from sunrelay.notify.models import Notification


@dataclass(frozen=True)
class Draft:
    """A notification to make: who, what kind, about what (its key), and its one line."""

    recipient: object
    kind: str
    key: str
    text: str
    actor: object = None
    mail_text: str = ""  # the e-mail's extra lines (a quote), after `text`


def deliver(ticket, draft: Draft, at=None) -> Notification | None:
    """Make the notification unless it exists (same person, kind and key): None then.

    Call inside the change's transaction. E-mails it too, through the outbox, when the
    person asked for this kind by e-mail. Never for the person's own action.
    """
    actor = draft.actor
    if actor is not None and actor.pk == draft.recipient.pk:
        return None
    if not getattr(draft.recipient, "is_active", True):
        return None
    exists = Notification.objects.filter(
        recipient=draft.recipient, kind=draft.kind, key=draft.key
    ).exists()
    if exists:
        return None
    try:
        with transaction.atomic():  # a savepoint: a twin made meanwhile loses nothing else
            row = Notification.objects.create(
                recipient=draft.recipient,
                kind=draft.kind,
                ticket=ticket,
                actor=actor,
                text=draft.text[:300],
                key=draft.key,
                created_at=at or timezone.now(),
            )
    except IntegrityError:
        return None
    if preferences.wants_email(draft.recipient, draft.kind):
        emails.send(row, draft.mail_text)
    return row


def of(user) -> QuerySet[Notification]:
    """`user`'s notifications, newest first, with what their list shows."""
    return Notification.objects.filter(recipient=user).select_related("ticket", "actor")


def unread_count(user) -> int:
    """One query."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, *, pk: int | None = None, ticket=None) -> int:
    """Mark `user`'s unread notifications read: one, those of a ticket, or all. One query;
    returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    if ticket is not None:
        unread = unread.filter(ticket=ticket)
    return unread.update(read_at=timezone.now())
