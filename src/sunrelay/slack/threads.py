"""Slack messages as tickets (docs/slack.md):

- In a shared channel (SharedChannel), a customer's top-level message opens a ticket of
  channel "Slack" for the channel's account; replies in its thread join the ticket (a
  colleague's reply in the thread is a public reply already posted there, never posted again).
- A message edited in Slack is edited on the ticket (the old text kept in an "edited" event);
  a deleted one is marked deleted and an internal note says so (its text stays on the ticket).
- Files of a message become its attachments (files:read; fetched with the bot token).
- The configured reaction (🎫 `ticket`) on any message of a channel the bot is in opens a
  ticket from that message, once.
Bots' messages, ours included, are never read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.models import Channel, Status, Ticket
from sunrelay.slack import files, team_questions
from sunrelay.slack.client import client, installation
from sunrelay.slack.models import SharedChannel, SlackMessage
from sunrelay.slack.people import slack_user
from sunrelay.team.roles import works_tickets

NEW_MESSAGE_SUBTYPES = {None, "", "file_share", "thread_broadcast"}
SUBJECT_LENGTH = 120


@dataclass(frozen=True)
class Outcome:
    words: str
    ticket: Ticket | None = None
    done: bool = False  # something was recorded, though no ticket changed


def act(event: dict) -> Outcome:
    kind = event.get("type")
    if kind == "message":
        subtype = event.get("subtype")
        if subtype == "message_changed":
            return edited(event)
        if subtype == "message_deleted":
            return deleted(event)
        if subtype in NEW_MESSAGE_SUBTYPES:
            return posted(event)
        return Outcome(f"A message of subtype {subtype} changes nothing.")
    if kind == "reaction_added":
        return reacted(event)
    return Outcome(f"An event of type {kind} changes nothing.")


def when(ts: str) -> datetime:
    try:
        moment = datetime.fromtimestamp(float(ts), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return timezone.now()
    return min(moment, timezone.now())


def text_of(message: dict) -> str:
    text = str(message.get("text") or "").strip()
    return text or "(a message without text)"


def subject_of(text: str) -> str:
    line = text.splitlines()[0] if text else ""
    return line[:SUBJECT_LENGTH] or "Slack message"


def from_a_bot(message: dict) -> bool:
    return (
        bool(message.get("bot_id"))
        or message.get("user") in {None, ""}
        or (message.get("user") == installation().bot_user_id)
    )


def posted(event: dict) -> Outcome:
    channel_id, ts = event.get("channel", ""), event.get("ts", "")
    if from_a_bot(event):
        return Outcome("A bot's message is not read.")
    if SlackMessage.objects.filter(channel_id=channel_id, ts=ts).exists():
        return Outcome("This message is on a ticket already.")
    if channel_id and channel_id == installation().team_channel:
        recorded, words = team_questions.asked(event, when)
        return Outcome(words, done=recorded)
    shared = SharedChannel.objects.filter(channel_id=channel_id).select_related("account").first()
    if shared is None:
        return Outcome("The channel is not mapped to an account.")
    thread_ts = event.get("thread_ts") or ts
    if thread_ts != ts:
        return _in_thread(event, channel_id, thread_ts)
    person = slack_user(event["user"])
    if person.staff_id:
        return Outcome("A colleague's top-level message opens no ticket.")
    return _open(event, shared.account, person)


@transaction.atomic
def _open(message: dict, account, person, channel_id: str = "") -> Outcome:
    channel_id = channel_id or message.get("channel", "")
    ts = message.get("ts", "")
    text = text_of(message)
    new = services.NewTicket(
        requester=person.contact,
        subject=subject_of(text),
        body=text,
        channel=Channel.SLACK,
        account=account,
        external_ref=f"slack:{channel_id}:{ts}"[:100],
        at=when(ts),
    )
    opened = services.create_ticket(new, actor=None)
    # Replies go to the message's thread: its own, or the one it was written in.
    thread_ts = message.get("thread_ts") or ts
    _remember(channel_id, ts, thread_ts, opened.ticket, opened.message, person.user_id)
    stored = files.attach(opened.message, message.get("files") or [])
    return Outcome(f"Opened ticket #{opened.ticket.pk}{stored}.", opened.ticket)


def _remember(channel_id, ts, thread_ts, ticket, message, user_id) -> SlackMessage:
    return SlackMessage.objects.create(
        channel_id=channel_id, ts=ts, thread_ts=thread_ts, ticket=ticket, message=message,
        user_id=user_id or "",
    )  # fmt: skip


@transaction.atomic
def _in_thread(event: dict, channel_id: str, thread_ts: str) -> Outcome:
    head = SlackMessage.objects.filter(channel_id=channel_id, ts=thread_ts).first()
    if head is None:
        return Outcome("A reply in a thread that is no ticket.")
    ticket = Ticket.objects.get(pk=head.ticket_id)
    person = slack_user(event["user"])
    text, at = text_of(event), when(event.get("ts", ""))
    if person.staff_id:
        if not works_tickets(person.staff):
            return Outcome("A colleague who does not work tickets: their reply is left out.")
        if ticket.status == Status.CLOSED:
            return Outcome(f"Ticket #{ticket.pk} is closed; a colleague's reply is left out.")
        message = services.reply(ticket, person.staff, text, at=at, posted_on="Slack")
    elif ticket.status == Status.CLOSED:
        new = services.NewTicket(
            requester=person.contact, subject=ticket.subject, body=text, channel=Channel.SLACK,
            account=ticket.account, at=at, follow_up_of=ticket,
        )  # fmt: skip
        opened = services.create_ticket(new, actor=None)
        ticket, message = opened.ticket, opened.message
        SlackMessage.objects.filter(pk=head.pk).update(ticket=ticket)
    else:
        message = services.receive_customer_message(ticket, person.contact, text, "", at)
    _remember(channel_id, event.get("ts", ""), thread_ts, ticket, message, person.user_id)
    stored = files.attach(message, event.get("files") or [])
    return Outcome(f"Added to ticket #{ticket.pk}{stored}.", ticket)


def edited(event: dict) -> Outcome:
    changed = event.get("message") or {}
    row = (
        SlackMessage.objects.filter(channel_id=event.get("channel", ""), ts=changed.get("ts"))
        .select_related("message__ticket")
        .first()
    )
    if row is None or row.message is None:
        return Outcome("An edit of a message that is on no ticket.")
    ticket = row.message.ticket
    if ticket.status == Status.CLOSED:
        return Outcome(f"Ticket #{ticket.pk} is closed; the edit is left out.")
    written = services.edit_from_source(
        row.message, text_of(changed), source="Slack", at=when(event.get("event_ts", ""))
    )
    words = "Edited" if written is not None else "The same text again on"
    return Outcome(f"{words} a message of ticket #{ticket.pk}.", ticket)


def deleted(event: dict) -> Outcome:
    row = (
        SlackMessage.objects.filter(
            channel_id=event.get("channel", ""), ts=event.get("deleted_ts"), deleted_at=None
        )
        .select_related("ticket")
        .first()
    )
    if row is None:
        return Outcome("A deletion of a message that is on no ticket.")
    ticket = row.ticket
    with transaction.atomic():
        SlackMessage.objects.filter(pk=row.pk).update(deleted_at=timezone.now())
        if ticket.status != Status.CLOSED:
            services.system_note(
                ticket, "A message of this ticket was deleted in Slack; its text is kept here."
            )
    return Outcome(f"Recorded a deletion on ticket #{ticket.pk}.", ticket)


def reacted(event: dict) -> Outcome:
    item = event.get("item") or {}
    if event.get("reaction") != installation().ticket_reaction or item.get("type") != "message":
        return Outcome("A reaction that is not the ticket reaction.")
    channel_id, ts = item.get("channel", ""), item.get("ts", "")
    if SlackMessage.objects.filter(channel_id=channel_id, ts=ts).exists():
        return Outcome("This message is on a ticket already.")
    found = client().conversations_history(channel=channel_id, latest=ts, inclusive=True, limit=1)
    messages = [m for m in found.get("messages") or [] if m.get("ts") == ts]
    if not messages:
        found = client().conversations_replies(channel=channel_id, ts=ts, limit=1)
        messages = [m for m in found.get("messages") or [] if m.get("ts") == ts]
    if not messages or from_a_bot(messages[0]):
        return Outcome("The reacted message cannot be read, or a bot wrote it.")
    message = messages[0]
    person = slack_user(message["user"])
    shared = SharedChannel.objects.filter(channel_id=channel_id).select_related("account").first()
    account = shared.account if shared is not None else None
    if person.contact_id is None:
        return Outcome("A colleague's message does not become a ticket.")
    return _open(message, account, person, channel_id)
