"""What the ticket page shows of the e-mail channel, as plain functions.

Each takes desk objects and returns plain data; none checks permissions (the ticket page
already has). Attachment links point at mail:attachment, which checks them again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.html import escape

from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.mail.models import Attachment, Outbox, OutboxState
from sunrelay.mail.quotes import fold_boundary


@dataclass(frozen=True)
class AttachmentLink:
    pk: int
    filename: str
    content_type: str
    size: int
    inline: bool
    url: str


def message_attachments(message: Message) -> list[AttachmentLink]:
    """The message's files (without their bytes), with download links."""
    rows = (
        Attachment.objects.filter(message=message)
        .only("pk", "filename", "content_type", "size", "inline")
        .order_by("id")
    )
    return [
        AttachmentLink(
            a.pk,
            a.filename,
            a.content_type,
            a.size,
            a.inline,
            reverse("mail:attachment", args=[a.pk]),
        )
        for a in rows
    ]


def attachments_by_message(ticket: Ticket) -> dict[int, list[AttachmentLink]]:
    """All attachments of a ticket in one query, keyed by message id."""
    result: dict[int, list[AttachmentLink]] = {}
    rows = (
        Attachment.objects.filter(message__ticket=ticket)
        .only("pk", "message_id", "filename", "content_type", "size", "inline")
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
    state: str  # queued, sending, sent, failed
    label: str
    attempts: int
    sent_at: datetime | None
    last_error: str
    refused: dict
    bounced_at: datetime | None
    bounce_reason: str
    recipients: list[str]


def reply_delivery(message: Message) -> Delivery | None:
    """How the e-mail of a public reply is doing; None for anything that is not mailed."""
    row = Outbox.objects.filter(desk_message=message).order_by("-id").first()
    if row is None:
        return None
    return Delivery(
        state=row.state,
        label="Bounced" if row.bounced_at else OutboxState(row.state).label,
        attempts=row.attempts,
        sent_at=row.sent_at,
        last_error=row.last_error,
        refused=row.refused,
        bounced_at=row.bounced_at,
        bounce_reason=row.bounce_reason,
        recipients=row.to + row.cc,
    )


@dataclass(frozen=True)
class BounceDetails:
    recipient: str
    status: str
    diagnostic: str
    bounced_reply_id: int | None  # the desk message that bounced, when known


def bounce_info(message: Message) -> BounceDetails | None:
    """For a BOUNCE message: who could not be reached and why."""
    if message.kind != MessageKind.BOUNCE:
        return None
    from sunrelay.desk.models import EventKind, TicketEvent

    event = TicketEvent.objects.filter(message=message, kind=EventKind.BOUNCED).first()
    details = (event.new if event else None) or {}
    reply_id = None
    if details.get("outbox"):
        reply_id = (
            Outbox.objects.filter(pk=details["outbox"])
            .values_list("desk_message_id", flat=True)
            .first()
        )
    return BounceDetails(
        recipient=details.get("recipient", ""),
        status=details.get("status", ""),
        diagnostic=details.get("diagnostic", ""),
        bounced_reply_id=reply_id,
    )


_CID = re.compile(r"""(src\s*=\s*["'])cid:([^"']+)(["'])""", re.IGNORECASE)


def html_with_inline_images(message: Message) -> str:
    """The message's sanitised HTML with cid: image links pointing at the attachment URLs."""
    html = message.body_html or ""
    if "cid:" not in html:
        return html
    by_cid = dict(
        Attachment.objects.filter(message=message)
        .exclude(content_id="")
        .values_list("content_id", "pk")
    )

    def replace(match: re.Match) -> str:
        pk = by_cid.get(match.group(2).strip("<>"))
        if pk is None:
            return match.group(0)
        return f"{match.group(1)}{escape(reverse('mail:attachment', args=[pk]))}{match.group(3)}"

    return _CID.sub(replace, html)
