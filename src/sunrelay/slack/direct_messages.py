"""Notifications as Slack direct messages, per person and kind, besides the bell and e-mail
(notify decides who hears of what; this only adds a way). A new notification whose recipient
chose Slack for its kind is queued, in the notification's transaction, as a direct message to
the Slack user with the recipient's e-mail address (looked up by the worker: users.lookupByEmail).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from sunrelay.lib.links import ticket_url
from sunrelay.notify.models import Kind, Notification
from sunrelay.slack.client import installation
from sunrelay.slack.models import DirectMessageChoice
from sunrelay.slack.outgoing import enqueue


def chosen(user) -> set[str]:
    return set(DirectMessageChoice.objects.filter(user=user).values_list("kind", flat=True))


def save(user, kinds) -> set[str]:
    """`user` gets exactly these kinds by Slack from now on; returns them."""
    wanted = set(kinds)
    unknown = sorted(wanted - set(Kind.values))
    if unknown:
        raise ValueError(f"Unknown kinds of notification: {', '.join(unknown)}")
    with transaction.atomic():
        DirectMessageChoice.objects.filter(user=user).exclude(kind__in=wanted).delete()
        for kind in wanted:
            DirectMessageChoice.objects.get_or_create(user=user, kind=kind)
    return chosen(user)


@receiver(post_save, sender=Notification, dispatch_uid="slack.direct_message")
def _notified(sender, instance: Notification, created: bool, **kwargs) -> None:
    recipient = instance.recipient
    if not created or not recipient.email:
        return
    if not DirectMessageChoice.objects.filter(user=recipient, kind=instance.kind).exists():
        return
    if not installation().bot_token:
        return
    text = f"{instance.text}\n{ticket_url(instance.ticket)}"
    enqueue("chat.postMessage", {"to_email": recipient.email, "text": text})
