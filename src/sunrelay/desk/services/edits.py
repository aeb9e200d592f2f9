"""A message changed where it was written: its text here follows, and the log keeps the old.

Messages written in Sunrelay are never edited. A message that mirrors a post elsewhere (a
question or answer on a Q&A site) changes when its author edits the post; the import then
calls edit_from_source, which writes an "edited" event holding the text it replaced, so the
audit trail still shows what was there before. Nothing else about the ticket changes: an edit
is not a new message, it neither reopens the ticket nor moves its clocks.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sunrelay.desk import lifecycle
from sunrelay.desk.html import sanitize
from sunrelay.desk.models import INBOUND_KINDS, EventKind, Message, TicketEvent
from sunrelay.desk.services.events import changed, record
from sunrelay.desk.services.properties import locked


@transaction.atomic
def edit_from_source(
    message: Message, body: str, html: str = "", *, source: str, at: datetime | None = None
) -> TicketEvent | None:
    """Replace the message's text with its source's newer version; None when nothing changed.

    `source` says where the edit was made (the post's address), for the event. Refused on a
    closed ticket, like every other change (desk.lifecycle).
    """
    lifecycle.check_body(body)
    ticket = locked(message.ticket)
    lifecycle.check_not_closed(ticket.status)
    clean_html = sanitize(html)
    if message.body_text == body and message.body_html == clean_html:
        return None
    now = at or timezone.now()
    inbound = message.kind in INBOUND_KINDS
    written = record(
        ticket,
        EventKind.EDITED,
        at=now,
        actor=None if inbound else message.author_user,
        contact=message.author_contact if inbound else None,
        message=message,
        old={"body": message.body_text, "html": message.body_html},
        new={"source": source},
    )
    message.body_text, message.body_html = body, clean_html
    message.save(update_fields=["body_text", "body_html"])
    changed(ticket, [written], now)
    return written
