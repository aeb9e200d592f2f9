"""The Slack side of desk changes: an agent's public reply on a ticket that came from a Slack
thread is posted in that thread, as the bot under the agent's name (chat:write.customize),
through the outgoing queue, in the reply's transaction. Internal notes never leave: only a
"replied" event is read, and one already posted in Slack (written there) is not posted again.
"""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.lib.formatting import person
from sunrelay.slack.models import SlackMessage
from sunrelay.slack.outgoing import enqueue


@receiver(ticket_changed, dispatch_uid="slack.post_reply")
def _ticket_changed(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    replies = [
        e for e in events
        if e.kind == EventKind.REPLIED and e.message_id and not (e.new or {}).get("posted_on")
    ]  # fmt: skip
    if not replies:
        return
    head = SlackMessage.objects.filter(ticket=ticket).order_by("id").first()
    if head is None:
        return
    for event in replies:
        message = event.message
        payload = {
            "channel": head.channel_id,
            "thread_ts": head.thread_ts,
            "text": message.body_text,
            "username": person(message.author_user) if message.author_user else "Support",
            "unfurl_links": False,
        }
        enqueue("chat.postMessage", payload, desk_message=message)
