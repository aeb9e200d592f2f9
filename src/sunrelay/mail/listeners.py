"""The mail side of desk changes, in their own transactions: a public reply is e-mailed
(queued, so the reply and its e-mail commit together or not at all; mail.outbox sends it);
after a merge or a split, replies to the moved mail thread on the ticket it moved to."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import Channel, EventKind, TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.mail.models import MailMessageId
from sunrelay.mail.outbox import enqueue_reply


@receiver(ticket_changed, dispatch_uid="mail.enqueue_reply")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    for event in events:
        # A reply already published elsewhere (an answer on a Q&A site) is not e-mailed.
        # A reply on a Slack ticket goes to its thread (slack.listeners), not by e-mail.
        if (
            event.kind == EventKind.REPLIED
            and not (event.new or {}).get("posted_on")
            and ticket.channel != Channel.SLACK
        ):
            enqueue_reply(event.message)
        elif event.kind == EventKind.MERGED_FROM:
            MailMessageId.objects.filter(ticket_id=event.new["ticket"]).update(ticket=ticket)
        elif event.kind == EventKind.SPLIT_FROM:
            # The split's message (its "created" event's) may have come by mail.
            moved = [e.message_id for e in events if e.kind == EventKind.CREATED and e.message_id]
            MailMessageId.objects.filter(desk_message_id__in=moved).update(ticket=ticket)
