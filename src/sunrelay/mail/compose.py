"""Building outgoing e-mail: headers that keep the customer's thread, text and HTML, files."""

from __future__ import annotations

import secrets
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from django.conf import settings

from sunrelay.desk.html import text_to_html
from sunrelay.desk.models import Ticket
from sunrelay.mail import files
from sunrelay.mail.models import Attachment, Direction, MailMessageId, Outbox, OutboxKind
from sunrelay.mail.tags import strip_tag, tag_for

# References keeps the thread's first Message-ID and the latest ones, as RFC 5322 suggests.
MAX_REFERENCES = 20
SMTP_POLICY = policy.SMTP.clone(max_line_length=78)


def support_address_for(ticket: Ticket) -> str:
    """The support address the customer wrote to, else the first configured one."""
    from sunrelay.mail.models import RawMessage

    addresses = settings.MAIL_SUPPORT_ADDRESSES
    if len(addresses) > 1:
        first = RawMessage.objects.filter(ticket=ticket).order_by("received_at", "id").first()
        if first is not None:
            recipients = first.envelope_to.lower()
            for address in addresses:
                if address in recipients:
                    return address
    return addresses[0]


def new_message_id(ticket: Ticket | None, from_address: str) -> str:
    domain = from_address.rpartition("@")[2] or "sunrelay.localhost"
    about = f"t{ticket.pk}" if ticket is not None else "n"
    return f"{secrets.token_hex(12)}.{about}@{domain}"


def reply_subject(ticket: Ticket) -> str:
    subject = strip_tag(ticket.subject) or "(no subject)"
    if not subject.lower().startswith(("re:", "aw:", "sv:")):
        subject = f"Re: {subject}"
    return f"{subject} {tag_for(ticket.pk)}"


def list_subject(ticket: Ticket) -> str:
    """A reply's subject on a mailing list: the thread's own (the list's prefix kept), without
    our ticket tag, which means nothing to the list's other members."""
    subject = strip_tag(ticket.subject) or "(no subject)"
    return subject if subject.lower().startswith(("re:", "aw:", "sv:")) else f"Re: {subject}"


def thread_headers(ticket: Ticket) -> tuple[str, list[str]]:
    """(In-Reply-To, References) for a new message on the ticket."""
    rows = list(
        MailMessageId.objects.filter(ticket=ticket)
        .order_by("desk_message__created_at", "message_id")
        .values_list("message_id", "direction")
    )
    inbound = [mid for mid, direction in rows if direction == Direction.IN]
    in_reply_to = inbound[-1] if inbound else (rows[-1][0] if rows else "")
    ids = [mid for mid, _ in rows]
    if len(ids) > MAX_REFERENCES:
        ids = ids[:1] + ids[-(MAX_REFERENCES - 1) :]
    return in_reply_to, ids


STANDALONE_KINDS = frozenset({OutboxKind.NOTIFICATION, OutboxKind.NOTICE, OutboxKind.REPORT})


def build(row: Outbox) -> EmailMessage:
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = formataddr((settings.MAIL_SUPPORT_NAME, row.from_address))
    msg["To"] = ", ".join(row.to)
    if row.cc:
        msg["Cc"] = ", ".join(row.cc)
    msg["Subject"] = row.subject
    msg["Date"] = format_datetime(row.created_at)
    msg["Message-ID"] = f"<{row.message_id}>"
    if row.in_reply_to:
        msg["In-Reply-To"] = f"<{row.in_reply_to}>"
    if row.references:
        msg["References"] = " ".join(f"<{mid}>" for mid in row.references.split())
    if row.ticket_id is not None:
        msg["X-Sunrelay-Ticket"] = str(row.ticket_id)
    if row.kind in STANDALONE_KINDS:
        # Written by Sunrelay, not a person: never answered automatically.
        msg["Auto-Submitted"] = "auto-generated"
        text = row.body_text
        html = row.body_html or text_to_html(text)
    elif row.kind == OutboxKind.ACKNOWLEDGEMENT:
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Auto-Response-Suppress"] = "All"
        text = acknowledgement_text(row)
        html = text_to_html(text)
    else:
        text = row.desk_message.body_text
        html = row.desk_message.body_html or text_to_html(text)
    msg.set_content(text)
    msg.add_alternative(f"<!doctype html><html><body>{html}</body></html>", subtype="html")
    if row.desk_message is not None:
        for attachment in Attachment.objects.filter(message=row.desk_message):
            maintype, _, subtype = attachment.content_type.partition("/")
            msg.add_attachment(
                files.content_of(attachment),
                maintype=maintype or "application",
                subtype=subtype or "octet-stream",
                filename=attachment.filename,
            )
    return msg


def acknowledgement_text(row: Outbox) -> str:
    return (
        "Hello,\n\n"
        f"We received your message and opened ticket {tag_for(row.ticket_id)} for it. "
        "A person from our team will answer you; replies to this e-mail join the same ticket.\n\n"
        f"{settings.MAIL_SUPPORT_NAME}\n"
    )
