"""Attachments: stored with their message, downloadable only by staff who may see the ticket.

The bytes live in the database beside the message they belong to, so a message and its
files commit together or not at all (no orphan files after a crash, nothing missing after a
restore) and one database backup holds everything. The size limit per message keeps that
sane; files over it stay in the raw message, which is kept.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from sunrelay.desk.models import Message
from sunrelay.lib.headers_safe import mime_type
from sunrelay.mail.models import Attachment
from sunrelay.mail.parts import safe_filename

# Served with their own type; anything else is application/octet-stream. Always as a download.
SAFE_CONTENT_TYPES = frozenset(
    {
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/zip",
    }
)


def store_attachments(
    message: Message, parsed, *, into: list | None = None
) -> list[tuple[str, int]]:
    """Store parsed attachments of a message within the per-message limit; with `into`, the
    rows are appended there for the caller to insert with its batch.

    Returns (filename, size) of the files that were over the limit and not stored.
    """
    budget = settings.MAIL_MAX_ATTACHMENT_BYTES
    rows, skipped = [], []
    for item in parsed:
        size = len(item.data)
        if size > budget:
            skipped.append((item.filename, size))
            continue
        budget -= size
        rows.append(
            Attachment(
                message=message,
                filename=item.filename,
                content_type=item.content_type[:127],
                size=size,
                sha256=item.sha256,
                content_id=item.content_id[:255],
                inline=item.inline,
                data=item.data,
            )
        )
    if into is not None:
        into.extend(rows)
    elif rows:
        Attachment.objects.bulk_create(rows)
    return skipped


@transaction.atomic
def add_attachment(message: Message, filename: str, content_type: str, data: bytes) -> Attachment:
    """Attach a file to a message (an agent's reply): sent with it by the outbox.

    A content type that is not a MIME type is refused (ValidationError on "attachments"): it
    would go out as a header of the e-mail. An empty one means application/octet-stream.
    """
    name = safe_filename(filename, content_type, 1)
    content_type = mime_type(
        content_type or "application/octet-stream", "attachments", f"The file “{name}”"
    )
    return Attachment.objects.create(
        message=message,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def served_content_type(content_type: str) -> str:
    content_type = (content_type or "").lower()
    return content_type if content_type in SAFE_CONTENT_TYPES else "application/octet-stream"


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    """Always a download, never rendered in our origin: files come from strangers."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
