"""Mail written by Sunrelay itself (paging notifications, notices to customers, reports),
through the same durable outbox as replies: queued in the caller's transaction, sent and
retried by the worker, marked sent exactly once."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone

from sunrelay.lib.headers_safe import one_line
from sunrelay.lib.mailable import is_mailable
from sunrelay.mail import compose
from sunrelay.mail.models import Outbox, OutboxKind


def enqueue_mail(
    kind: str,
    to: Sequence[str],
    subject: str,
    text: str,
    *,
    html: str = "",
    ticket=None,
    cc: Sequence[str] = (),
    threaded: bool = False,
) -> Outbox | None:
    """Queue one e-mail of `kind` (OutboxKind.NOTIFICATION, NOTICE or REPORT); None when
    nobody is left to receive it. `html` must already be safe (built by Sunrelay, or
    sanitised); the text part is what plain mail readers show.

    threaded=True (with a ticket): sent from the address the customer wrote to and answering
    the ticket's latest message, so mail clients show it in the ticket's conversation."""
    if kind not in (OutboxKind.NOTIFICATION, OutboxKind.NOTICE, OutboxKind.REPORT):
        raise ValueError(f"enqueue_mail does not send {kind!r} mail")
    ours = {a.lower() for a in settings.MAIL_SUPPORT_ADDRESSES}
    to = [a for a in dict.fromkeys(to) if is_mailable(a) and a.lower() not in ours]
    cc = [a for a in dict.fromkeys(cc) if is_mailable(a) and a.lower() not in ours and a not in to]
    if not to and not cc:
        return None
    from_address = settings.MAIL_SUPPORT_ADDRESSES[0]
    in_reply_to, references = "", []
    if threaded and ticket is not None:
        from_address = compose.support_address_for(ticket)
        in_reply_to, references = compose.thread_headers(ticket)
    now = timezone.now()
    return Outbox.objects.create(
        ticket=ticket,
        kind=kind,
        from_address=from_address,
        to=to,
        cc=cc,
        subject=one_line(subject),  # a value stored before it was checked cannot stop it
        message_id=compose.new_message_id(ticket, from_address),
        in_reply_to=in_reply_to,
        references=" ".join(references),
        body_text=text,
        body_html=html,
        next_attempt_at=now,
        created_at=now,
    )
