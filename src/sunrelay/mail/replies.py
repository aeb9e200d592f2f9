"""A public reply with files: desk.services.reply plus mail.attachments, in one transaction.

The outbox row is queued inside desk.services.reply and compose.build reads the reply's
attachments when it sends; committing the files in the same transaction means the worker
can never pick the row up without them. The ticket page and the API both come through here.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from sunrelay.desk import services
from sunrelay.desk.models import Message, Ticket
from sunrelay.mail import list_replies
from sunrelay.mail.attachments import add_attachment


@dataclass(frozen=True)
class NewFile:
    name: str
    content_type: str
    data: bytes


def check_attachment_size(sizes: list[int]) -> None:
    """The reply's files together stay within MAIL_MAX_ATTACHMENT_BYTES, as inbound mail does."""
    limit = settings.MAIL_MAX_ATTACHMENT_BYTES
    total = sum(sizes)
    if total > limit:
        raise ValidationError(
            {
                "attachments": f"The files add up to {filesizeformat(total)}; a reply may "
                f"carry at most {filesizeformat(limit)}. Nothing was sent."
            }
        )


def from_uploads(files: list[UploadedFile]) -> list[NewFile]:
    """Uploaded files, read only once their sizes are known to fit."""
    check_attachment_size([f.size for f in files])
    return [
        NewFile(
            f.name or "",
            f.content_type or mimetypes.guess_type(f.name or "")[0] or "",
            f.read(),
        )
        for f in files
    ]


@transaction.atomic
def reply_with_files(
    ticket: Ticket,
    author,
    body: str,
    files: list[NewFile],
    *,
    html: str = "",
    status: str | None = None,
    cause: str | None = None,
    bug_url: str | None = None,
    to_list: bool | None = None,
) -> Message:
    """desk.services.reply (public) with `files` attached; all or nothing.

    On a mailing-list ticket, `to_list` says whether the e-mail goes to the list or privately
    to the person (None: as the list's setting says; mail.list_replies)."""
    check_attachment_size([len(f.data) for f in files])
    with list_replies.replying(ticket, to_list):
        message = services.reply(
            ticket, author, body, html=html, status=status, cause=cause, bug_url=bug_url
        )
    for f in files:
        add_attachment(message, f.name, f.content_type, f.data)
    return message
