"""Deciding what a stored message becomes: a new ticket, a message on a ticket, an automatic
reply or bounce recorded on a ticket, a discarded echo of our own mail, or quarantine."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.bulk import CustomerMail, LiveWriter
from sunrelay.desk.models import Channel, Message, Ticket
from sunrelay.desk.services import NewTicket
from sunrelay.mail import files, loops
from sunrelay.mail.attachments import store_attachments
from sunrelay.mail.listposts import ListPost, ListState
from sunrelay.mail.loops import LoopWindow
from sunrelay.mail.models import (
    LIVE_SOURCES,
    Attachment,
    Direction,
    MailMessageId,
    Outbox,
    Outcome,
    RawMessage,
)
from sunrelay.mail.outbox import enqueue_acknowledgement
from sunrelay.mail.parse import ParsedMail, parse
from sunrelay.mail.senders import Senders, find_contact
from sunrelay.mail.tags import strip_tag
from sunrelay.mail.threading import find_thread, known_ids, referenced_ticket

logger = logging.getLogger("sunrelay.mail.route")

# The stdlib parser follows nested parts by recursion; past Python's limit it gives up.
TOO_DEEP = (
    "Its parts are nested more deeply than Sunrelay can read (hundreds of multiparts or "
    "attached messages inside each other); no mail client writes that. Download the raw "
    "message to look at it."
)


@dataclass
class Context:
    """What one run of intake remembers between messages (an import, or one message)."""

    senders: Senders
    loops: LoopWindow | None = None
    # Customer messages go through the services one by one, or in bulk within a batch.
    writer: LiveWriter | CustomerMail = field(default_factory=LiveWriter)
    # Within an import batch: Message-IDs known (id -> (ticket id or this batch's unsaved
    # Ticket, direction)) and those this batch stored, not yet written; the tickets read
    # under lock; the attachments waiting for the batch. None outside a batch.
    known: dict[str, tuple[int | Ticket, str]] | None = None
    new_ids: list[MailMessageId] | None = None
    checked: set[str] = field(default_factory=set)  # ids already looked up in this batch
    tickets: dict[int, Ticket] | None = None
    attachments: list[Attachment] | None = None
    lists: ListState = field(default_factory=ListState)

    def prefetch_ids(self, rows) -> None:
        wanted = sorted({mid for row in rows for mid in getattr(row, "scanned_ids", ()) if mid})
        self.known = {}
        for start in range(0, len(wanted), 500):
            self.known.update(known_ids(wanted[start : start + 500], limit=None))
        self.checked = set(wanted)
        self.new_ids = []

    def start_batch(self) -> None:
        """Write customer messages in bulk until finish_batch(); call in the transaction."""
        ids = {ref for ref, _ in (self.known or {}).values() if isinstance(ref, int)}
        self.tickets = {t.pk: t for t in _locked_tickets(ids)}
        self.writer = CustomerMail()
        self.senders.defer = self.writer.new_contact
        self.attachments = []

    def settle(self) -> None:
        """Write what the batch collected so far (before a write that needs its ids)."""
        self.writer.write()
        if self.attachments:
            files.put_many((a.storage_name, files.content_of(a)) for a in self.attachments)
            Attachment.objects.bulk_create(self.attachments)
            self.attachments = []

    def finish_batch(self) -> None:
        self.settle()
        self.lists.write()
        if self.new_ids:
            MailMessageId.objects.bulk_create(self.new_ids, ignore_conflicts=True)
        self.end_batch()

    def end_batch(self) -> None:
        self.known = self.new_ids = self.tickets = self.attachments = None
        self.lists.forget_batch()
        self.writer = LiveWriter()
        self.senders.defer = None

    def ticket(self, ref: int | Ticket) -> Ticket | None:
        if isinstance(ref, Ticket):
            return ref
        if self.tickets is None:
            return Ticket.objects.filter(pk=ref).first()
        if ref not in self.tickets:
            self.tickets.update((t.pk, t) for t in _locked_tickets([ref]))
        return self.tickets.get(ref)

    def lookup(self, ids: list[str]) -> dict[str, tuple[int | Ticket, str]]:
        if self.known is None:
            return known_ids(ids)
        missing = [mid for mid in ids if mid and mid not in self.checked]
        if missing:  # the parser found ids the quick header scan did not
            self.known.update(known_ids(missing))
            self.checked.update(missing)
        return {mid: self.known[mid] for mid in ids if mid in self.known}

    def remember(self, row: MailMessageId) -> None:
        """Thread later mail by this Message-ID; the first message under an ID keeps it."""
        if self.new_ids is None:
            MailMessageId.objects.bulk_create([row], ignore_conflicts=True)
            return
        if row.message_id in self.known:
            return
        self.new_ids.append(row)
        self.known[row.message_id] = (row.ticket_id or row.ticket, row.direction)

    def store_attachments(self, message: Message, parsed) -> list[tuple[str, int]]:
        return store_attachments(message, parsed, into=self.attachments)

    def checkpoint(self) -> tuple[int, int]:
        return (len(self.new_ids) if self.new_ids is not None else 0, self.senders.checkpoint())

    def rollback_to(self, mark: tuple[int, int]) -> None:
        """Forget what a route that was rolled back remembered (its ids and new contacts)."""
        ids_mark, senders_mark = mark
        if self.new_ids is not None:
            for row in self.new_ids[ids_mark:]:
                self.known.pop(row.message_id, None)
            del self.new_ids[ids_mark:]
        self.senders.rollback_to(senders_mark)


def _locked_tickets(ids) -> list[Ticket]:
    return list(
        Ticket.objects.select_for_update(of=("self",))
        .select_related("account")
        .filter(pk__in=sorted(ids))
    )


@dataclass
class Result:
    outcome: str
    reason: str = ""
    message: Message | None = None  # saved by the time its batch is written

    @property
    def ticket_id(self) -> int | None:
        return self.message.ticket_id if self.message is not None else None

    @property
    def message_pk(self) -> int | None:
        return self.message.pk if self.message is not None else None


def _quarantine(reason: str) -> Result:
    return Result(Outcome.QUARANTINED, reason)


def route(row: RawMessage, *, force: bool, context: Context) -> Result:
    """Call inside a transaction; everything it writes commits with the row's new state."""
    size = row.size
    if size > settings.MAIL_MAX_MESSAGE_BYTES and not force:
        return _quarantine(
            f"The message is {size:,} bytes, over SUNRELAY_MAX_MESSAGE_BYTES "
            f"({settings.MAIL_MAX_MESSAGE_BYTES:,})."
        )
    try:
        mail = parse(files.raw_of(row))
    except RecursionError:
        return _quarantine(TOO_DEEP)
    except Exception:  # the parser's failures on garbage are not one exception type
        logger.exception("Message %s could not be parsed; quarantined", row.pk)
        return _quarantine(
            "Could not be read as e-mail: its headers or MIME structure are broken beyond "
            f"what the parser tolerates (details in the server log, raw message {row.pk})."
        )
    known = context.lookup(
        [mail.message_id, *mail.thread_ids()] if mail.message_id else mail.thread_ids()
    )
    earlier, direction = known.get(mail.message_id, (None, ""))
    if direction == Direction.OUT:
        return Result(Outcome.DUPLICATE, "Our own outgoing message came back; nothing to do.")
    listed = context.lists.post_of(mail, row)  # a person's post, relayed by a mailing list
    if listed is not None and earlier is not None:
        # A list's archive and its live copies differ in what the list added (footers,
        # headers): for list posts the Message-ID alone says it is the same post.
        return Result(Outcome.DUPLICATE, "This list post was received before (same Message-ID).")
    sender = listed.sender if listed else mail.sender or row.sender
    if not force:
        held = _held(row, mail, sender, context, relayed=listed is not None)
        if held is not None:
            return held
    if not sender:  # after bounce detection: mail systems send with an empty address
        return _quarantine("The message has no usable sender address (From).")
    senders = context.senders
    contact = senders.contact(sender, listed.name if listed else mail.sender_name)
    thread = find_thread(
        mail.thread_ids(), mail.subject, contact, timezone.now(), known=known, load=context.ticket
    )
    if listed is not None and thread.ticket is None and thread.follow_up_of is None:
        thread.ticket = context.lists.thread_on(listed, mail.subject, row.dated_at, context.ticket)
    body, html = _body(mail)
    at = row.dated_at
    if thread.ticket is not None:
        ticket, outcome = thread.ticket, Outcome.THREADED
        message = context.writer.add_message(ticket, contact, body, html, at)
    else:
        # The list is never a CC: whether a reply goes to it is chosen per reply.
        not_ccs = {*settings.MAIL_SUPPORT_ADDRESSES, sender, listed.address if listed else ""}
        ccs = [
            senders.contact(address, name)
            for name, address in mail.to + mail.cc
            if address not in not_ccs
        ]
        new = NewTicket(
            requester=contact,
            subject=strip_tag(mail.subject) or "(no subject)",
            body=body,
            html=html,
            channel=Channel.MAILING_LIST if listed else Channel.EMAIL,
            ccs=ccs,
            at=at,
            follow_up_of=thread.follow_up_of,
        )
        ticket, message = context.writer.open_ticket(new)
        outcome = Outcome.CREATED
        if listed is not None:
            _opened_on_list(listed, ticket, mail.subject, context)
    _remember(mail, ticket, message, context)
    if earlier is not None:  # stored apart from it: the content differs (mail.dedup)
        _note_reused_id(mail.message_id, earlier, ticket, row, context)
    if outcome == Outcome.CREATED and settings.MAIL_ACKNOWLEDGE and row.source in LIVE_SOURCES:
        context.settle()
        enqueue_acknowledgement(ticket)
    skipped = context.store_attachments(message, mail.attachments)
    return Result(outcome, _skipped_note(skipped), message)


def _opened_on_list(post: ListPost, ticket: Ticket, subject: str, context: Context) -> None:
    batched = context.tickets is not None
    if not batched:
        context.settle()
    context.lists.opened(post, ticket, subject, batched=batched)


def _note_reused_id(
    message_id: str, earlier: int | Ticket, ticket: Ticket, row: RawMessage, context: Context
) -> None:
    context.settle()  # the note follows the message, which may be waiting in the batch
    earlier_id = earlier.pk if isinstance(earlier, Ticket) else earlier
    where = "this ticket" if earlier_id == ticket.pk else f"ticket #{earlier_id}"
    services.system_note(
        ticket,
        f"This e-mail reuses the Message-ID <{message_id}> of an earlier, different e-mail "
        f"on {where}. It is kept as a message of its own; replies that refer only to that "
        f"Message-ID are threaded onto {where}.",
        at=row.dated_at,
    )


def _held(
    row: RawMessage, mail: ParsedMail, sender: str, context: Context, *, relayed: bool
) -> Result | None:
    """Bounces and automatic replies are recorded or held; loops and echoes are held.

    A bounce may come without a sender address; everything else held here has one.
    """
    if not sender:
        bounce = loops.bounce_info(mail)
        return _bounce(row, mail, bounce, context) if bounce is not None else None
    if sender in settings.MAIL_SUPPORT_ADDRESSES:
        return _quarantine(f"Sent from our own support address {sender}: a mail loop?")
    looping = (
        context.loops.is_looping(sender, row.dated_at, row.pk)
        if context.loops is not None
        else loops.is_looping(sender, row.dated_at, exclude_id=row.pk)
    )
    if looping:
        return _quarantine(
            f"{sender} sent more than {settings.MAIL_LOOP_MAX_MESSAGES} messages within "
            f"{settings.MAIL_LOOP_WINDOW_MINUTES} minutes (loop breaker)."
        )
    bounce = loops.bounce_info(mail)
    if bounce is not None:
        return _bounce(row, mail, bounce, context)
    envelope_from = row.envelope_from if row.envelope_from else None
    reason = loops.auto_reply_reason(mail, envelope_from, relayed=relayed)
    if reason:
        return _auto_reply(row, mail, sender, reason, context)
    return None


def _bounce(
    row: RawMessage, mail: ParsedMail, bounce: loops.BounceInfo, context: Context
) -> Result:
    context.settle()  # the bounced ticket may be one this batch opened
    outbox = Outbox.objects.filter(message_id__in=bounce.original_ids[:50]).first()
    ref = referenced_ticket(bounce.original_ids, context.lookup(bounce.original_ids))
    if ref is None and outbox is not None:
        ref = outbox.ticket_id  # an acknowledgement or notification we sent
    if ref is None:
        if outbox is not None:  # mail of ours without a ticket: shown on the outbox page
            Outbox.objects.filter(pk=outbox.pk).update(
                bounced_at=timezone.now(), bounce_reason=bounce.reason()
            )
            return Result(Outcome.BOUNCE, bounce.reason())
        return _quarantine(
            "A delivery failure report for a message we did not send "
            f"({bounce.reason() or 'no details'})."
        )
    details = {
        "recipient": bounce.recipient,
        "status": bounce.status,
        "diagnostic": bounce.diagnostic[:500],
        "outbox": outbox.pk if outbox else None,
    }
    ticket = context.ticket(ref)
    body, html = _body(mail)
    message = services.record_bounce(ticket, body, html=html, details=details, at=row.dated_at)
    if outbox is not None:
        Outbox.objects.filter(pk=outbox.pk).update(
            bounced_at=timezone.now(), bounce_reason=bounce.reason()
        )
    context.store_attachments(message, mail.attachments)
    return Result(Outcome.BOUNCE, bounce.reason(), message)


def _auto_reply(
    row: RawMessage, mail: ParsedMail, sender: str, reason: str, context: Context
) -> Result:
    context.settle()  # the ticket may be one this batch opened
    contact = find_contact(sender)
    ids = mail.thread_ids()
    thread = find_thread(
        ids, mail.subject, contact, timezone.now(), known=context.lookup(ids), load=context.ticket
    )
    ticket = thread.ticket or thread.follow_up_of
    if ticket is None:
        return _quarantine(f"An automatic message ({reason}) that belongs to no ticket.")
    body, html = _body(mail)
    message = services.record_auto_reply(ticket, contact, body, html=html, at=row.dated_at)
    _remember(mail, ticket, message, context)
    return Result(Outcome.AUTO_REPLY, reason, message)


def _body(mail: ParsedMail) -> tuple[str, str]:
    text = mail.text
    if not text.strip():
        text = "(no text; see the attachments)" if mail.attachments else "(empty message)"
    return text, mail.html


def _remember(mail: ParsedMail, ticket, message, context: Context) -> None:
    if mail.message_id:
        context.remember(
            MailMessageId(
                message_id=mail.message_id,
                direction=Direction.IN,
                ticket=ticket,
                desk_message=message,
            )
        )


def _skipped_note(skipped: list[tuple[str, int]]) -> str:
    if not skipped:
        return ""
    names = ", ".join(f"{name} ({size:,} bytes)" for name, size in skipped)
    return (
        f"Attachments over SUNRELAY_MAX_ATTACHMENT_BYTES were not stored: {names}. "
        "The raw message still holds them."
    )
