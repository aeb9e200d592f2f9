"""A public reply with files: desk.services.reply plus mail.attachments, in one transaction.

The outbox row is queued inside desk.services.reply and compose.build reads the reply's
attachments when it sends; committing the files in the same transaction means the worker
can never pick the row up without them.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from sunrelay.desk import services
from sunrelay.desk.models import Message, Ticket
from sunrelay.mail.attachments import add_attachment


def check_attachment_size(files: list[UploadedFile]) -> None:
    """The reply's files together stay within MAIL_MAX_ATTACHMENT_BYTES, as inbound mail does."""
    limit = settings.MAIL_MAX_ATTACHMENT_BYTES
    total = sum(f.size for f in files)
    if total > limit:
        raise ValidationError(
            {
                "attachments": f"The files add up to {filesizeformat(total)}; a reply may "
                f"carry at most {filesizeformat(limit)}. Nothing was sent."
            }
        )


@transaction.atomic
def reply_with_files(
    ticket: Ticket, author, body: str, files: list[UploadedFile], *, status: str | None = None
) -> Message:
    """desk.services.reply (public) with `files` attached; all or nothing."""
    check_attachment_size(files)
    message = services.reply(ticket, author, body, status=status)
    for f in files:
        content_type = f.content_type or mimetypes.guess_type(f.name or "")[0] or ""
        add_attachment(message, f.name or "", content_type, f.read())
    return message
