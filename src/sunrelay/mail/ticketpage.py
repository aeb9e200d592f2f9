"""What the ticket page shows of the e-mail channel, as plain functions.

Each takes desk objects and returns plain data; none checks permissions (the ticket page
already has). Attachment links point at mail:attachment, which checks them again. The
*_by_message functions read a whole ticket in a fixed number of queries, so the page costs
the same however long the thread is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.html import escape

from sunrelay.desk.models import EventKind, Message, MessageKind, Ticket, TicketEvent
from sunrelay.mail.models import Attachment, Outbox, OutboxState
from sunrelay.mail.quotes import fold_boundary


@dataclass(frozen=True)
class AttachmentLink:
    pk: int
    filename: str
    content_type: str
    size: int
    inline: bool
    content_id: str
    url: str


def attachments_by_message(ticket: Ticket) -> dict[int, list[AttachmentLink]]:
    """All attachments of a ticket (without their bytes) in one query, keyed by message id."""
    result: dict[int, list[AttachmentLink]] = {}
    rows = (
        Attachment.objects.filter(message__ticket=ticket)
        .only("pk", "message_id", "filename", "content_type", "size", "inline", "content_id")
        .order_by("id")
    )
    for a in rows:
        result.setdefault(a.message_id, []).append(
            AttachmentLink(
                a.pk,
                a.filename,
                a.content_type,
                a.size,
                a.inline,
                a.content_id,
                reverse("mail:attachment", args=[a.pk]),
            )
        )
    return result


@dataclass(frozen=True)
class Folded:
    visible: str  # the sender's own words
    folded: str  # quoted text and signature: shown collapsed, never dropped


def quote_fold(message: Message) -> Folded:
    """The message text split where quoted text or the signature begins."""
    text = message.body_text or ""
    boundary = fold_boundary(text) if message.kind != MessageKind.NOTE else None
    if boundary is None:
        return Folded(text, "")
    return Folded(text[:boundary].rstrip(), text[boundary:])


@dataclass(frozen=True)
class Delivery:
    state: str  # queued, sending, sent, failed, discarded
    label: str
    attempts: int
    sent_at: datetime | None
    last_error: str
    refused: dict
    bounced_at: datetime | None
    bounce_reason: str
    recipients: list[str]
    not_copied: int = 0  # the ticket's CCs left out of this e-mail (SUNRELAY_MAX_CC)

    @property
    def key(self) -> str:
        """The state to show: a bounce after sending outranks "sent"."""
        return "bounced" if self.bounced_at else self.state

    @property
    def permanent_failure(self) -> bool:
        return self.key in ("failed", "discarded", "bounced")


def deliveries_by_message(ticket: Ticket) -> dict[int, Delivery]:
    """How the e-mail of each public reply is doing, keyed by message id, in one query.

    Messages that were never mailed (notes, customer mail, backdated replies) are absent.
    """
    rows = Outbox.objects.filter(ticket=ticket, desk_message__isnull=False).order_by("id")
    # Ascending ids: the latest row of a message (if ever queued twice) wins.
    return {
        row.desk_message_id: Delivery(
            state=row.state,
            label="Bounced" if row.bounced_at else OutboxState(row.state).label,
            attempts=row.attempts,
            sent_at=row.sent_at,
            last_error=row.last_error,
            refused=row.refused,
            bounced_at=row.bounced_at,
            bounce_reason=row.bounce_reason,
            recipients=row.to + row.cc,
            not_copied=len(row.not_copied),
        )
        for row in rows
    }


@dataclass(frozen=True)
class BounceDetails:
    recipient: str
    status: str
    diagnostic: str
    bounced_reply_id: int | None  # the reply on this ticket that bounced, when known


def bounces_by_message(ticket: Ticket) -> dict[int, BounceDetails]:
    """For each BOUNCE message of the ticket: who could not be reached and why (two queries)."""
    events = list(
        TicketEvent.objects.filter(
            ticket=ticket, kind=EventKind.BOUNCED, message__isnull=False
        ).only("message_id", "new")
    )
    outbox_ids = {(e.new or {}).get("outbox") for e in events} - {None}
    replies = dict(
        Outbox.objects.filter(pk__in=outbox_ids, ticket=ticket).values_list("pk", "desk_message_id")
        if outbox_ids
        else []
    )
    result = {}
    for event in events:
        details = event.new or {}
        result[event.message_id] = BounceDetails(
            recipient=details.get("recipient", ""),
            status=details.get("status", ""),
            diagnostic=details.get("diagnostic", ""),
            bounced_reply_id=replies.get(details.get("outbox")),
        )
    return result


_CID = re.compile(r"""(src\s*=\s*["'])cid:([^"']+)(["'])""", re.IGNORECASE)


def html_with_inline_images(message: Message, attachments: list[AttachmentLink]) -> str:
    """The message's HTML with cid: image links pointing at the attachment URLs.

    `attachments` are the message's own (from attachments_by_message). The result is
    relative URLs in otherwise unchanged HTML: callers sanitise it as they would the stored
    HTML.
    """
    html = message.body_html or ""
    if "cid:" not in html:
        return html
    by_cid = {a.content_id: a.url for a in attachments if a.content_id}

    def replace(match: re.Match) -> str:
        url = by_cid.get(match.group(2).strip("<>"))
        if url is None:
            return match.group(0)
        return f"{match.group(1)}{escape(url)}{match.group(3)}"

    return _CID.sub(replace, html)
