"""The durable outbox: replies queued in the reply's own transaction, sent by the worker.

A row is claimed through lib/leases.py, so two workers never send the same row at once; it is
marked sent exactly once, by the claim that sent it. A worker killed while sending leaves a
claim that expires after SUNRELAY_OUTBOX_LEASE_SECONDS; the next worker sends it again with
the same Message-ID, so receiving clients see one message.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone

from sunrelay.desk.models import Message, MessageKind, Ticket
from sunrelay.desk.visibility import is_customer_visible
from sunrelay.lib import leases
from sunrelay.lib.mailable import is_mailable
from sunrelay.lib.retry import retry_on_busy
from sunrelay.mail import compose, list_replies
from sunrelay.mail.models import Direction, MailMessageId, Outbox, OutboxKind, OutboxState

logger = logging.getLogger("sunrelay.mail.outbox")

SMTP_TIMEOUT = 60
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
# A reply recorded with a time this far in the past was sent elsewhere (imports, demo history).
BACKDATED = timedelta(hours=1)

_suppressed: ContextVar[bool] = ContextVar("sunrelay_outbox_suppressed", default=False)


@contextlib.contextmanager
def suppressed():
    """Record replies without e-mailing them (imports of history, data migrations)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def enqueue_reply(message: Message) -> Outbox | None:
    """Queue the e-mail for a public reply; call inside the reply's transaction.

    Internal notes and anything else not customer-visible are refused here, whoever calls.
    """
    if message.kind != MessageKind.REPLY or not is_customer_visible(message):
        return None
    if _suppressed.get() or message.created_at < timezone.now() - BACKDATED:
        return None
    return _enqueue(message.ticket, message, OutboxKind.REPLY)


def enqueue_acknowledgement(ticket: Ticket) -> Outbox | None:
    """Queue the automatic acknowledgement of a new ticket: to its sender alone, never to
    the people they copied (an automatic mail to strangers is how mail storms start)."""
    return _enqueue(ticket, None, OutboxKind.ACKNOWLEDGEMENT)


@dataclass(frozen=True)
class Recipients:
    to: list[str]
    cc: list[str]
    not_copied: list[str]  # the ticket's CCs past SUNRELAY_MAX_CC


def recipients(ticket: Ticket, kind: str) -> Recipients:
    """Who an e-mail of `kind` on the ticket goes to: the requester, and for replies the
    first SUNRELAY_MAX_CC of the ticket's CCs in the order they were recorded (the rest are
    kept on the ticket and listed in `not_copied`). Our own addresses are never recipients,
    nor addresses that must never be mailed (lib.mailable: a Q&A site's users)."""
    ours = {a.lower() for a in settings.MAIL_SUPPORT_ADDRESSES}
    requester = ticket.requester.email
    to = [requester] if requester.lower() not in ours and is_mailable(requester) else []
    if kind == OutboxKind.ACKNOWLEDGEMENT:
        return Recipients(to, [], [])
    seen = {a.lower() for a in to} | ours
    copied: list[str] = []
    links = Ticket.ccs.through.objects.filter(ticket=ticket).order_by("id")
    for address in links.values_list("contact__email", flat=True):
        if address.lower() not in seen and is_mailable(address):
            seen.add(address.lower())
            copied.append(address)
    limit = settings.MAIL_MAX_CC
    return Recipients(to, copied[:limit], copied[limit:])


def _enqueue(ticket: Ticket, message: Message | None, kind: str) -> Outbox | None:
    people, subject = recipients(ticket, kind), compose.reply_subject(ticket)
    to_list = list_replies.list_address_for(ticket) if kind == OutboxKind.REPLY else ""
    if to_list:
        people, subject = Recipients([to_list], [], []), compose.list_subject(ticket)
    if not people.to and not people.cc:
        return None
    from_address = compose.support_address_for(ticket)
    in_reply_to, references = compose.thread_headers(ticket)
    now = timezone.now()
    row = Outbox.objects.create(
        ticket=ticket,
        desk_message=message,
        kind=kind,
        from_address=from_address,
        to=people.to,
        cc=people.cc,
        not_copied=people.not_copied,
        subject=subject,
        message_id=compose.new_message_id(ticket, from_address),
        in_reply_to=in_reply_to,
        references=" ".join(references),
        next_attempt_at=now,
        created_at=now,
    )
    if message is not None:
        MailMessageId.objects.create(
            message_id=row.message_id, direction=Direction.OUT, ticket=ticket, desk_message=message
        )
    return row


def lease() -> timedelta:
    return timedelta(seconds=settings.MAIL_OUTBOX_LEASE_SECONDS)


def _due(now) -> Q:
    # A row left "sending" is due again once its claim is free: the worker sending it died.
    return Q(state=OutboxState.QUEUED, next_attempt_at__lte=now) | Q(state=OutboxState.SENDING)


def claim(now=None) -> tuple[Outbox, str] | None:
    """Take one due row for this worker; None when nothing is due. Each claim is an attempt."""
    now = now or timezone.now()
    return leases.claim_one(
        Outbox,
        _due(now),
        ("next_attempt_at", "id"),
        now=now,
        lease=lease(),
        related=("ticket", "desk_message"),
        state=OutboxState.SENDING,
        attempts=F("attempts") + 1,
    )


def _claimed(row: Outbox):
    return Outbox.objects.filter(pk=row.pk, state=OutboxState.SENDING)


class PermanentFailure(Exception):
    pass


def send_one() -> bool:
    """Drain function: send one due outbox row. True when another may be due."""
    claimed = claim()
    if claimed is None:
        return False
    row, token = claimed
    try:
        refused = deliver(row)
    except PermanentFailure as exc:
        reason = str(exc)
        retry_on_busy(lambda: _fail(row, token, reason))
    except (smtplib.SMTPException, OSError) as exc:
        error = _describe(exc)
        retry_on_busy(lambda: _retry(row, token, error))
    except Exception as exc:
        # Whatever went wrong with this row must not hold the rows behind it: it is released
        # and retried with the others, and failed after MAIL_OUTBOX_MAX_ATTEMPTS.
        logger.exception("Outbox %s: unexpected error while sending", row.pk)
        error = f"Unexpected error while sending ({_describe(exc)})"
        retry_on_busy(lambda: _retry(row, token, error))
    else:
        # Sent: recording it must not fail on a busy database, or the row would go out again.
        retry_on_busy(lambda: _sent(row, token, refused))
    return True


def deliver(row: Outbox) -> dict[str, str]:
    """Hand the message to the relay; returns the recipients it refused (address -> answer).

    Raises PermanentFailure when the relay refuses for good, or when the row's e-mail cannot
    be put together at all (it would fail the same way on every attempt).
    """
    try:
        message = compose.build(row)
    except DatabaseError:
        raise  # a busy or lost database: the next attempt may well succeed
    except Exception as exc:
        logger.exception("Outbox %s: the e-mail could not be put together", row.pk)
        raise PermanentFailure(
            f"This e-mail could not be put together, so it was not sent ({_describe(exc)}). "
            "Sending it again would fail the same way: discard it, and send a corrected reply."
        ) from exc
    addresses = row.to + row.cc
    if not settings.MAIL_RELAY_HOST:
        return _write_file(row, message)
    try:
        with _connect() as smtp:
            refused = smtp.send_message(message, from_addr=row.from_address, to_addrs=addresses)
    except smtplib.SMTPRecipientsRefused as exc:
        answers = {r: f"{code} {_text(text)}" for r, (code, text) in exc.recipients.items()}
        if all(code >= 500 for code, _ in exc.recipients.values()):
            raise PermanentFailure("Every recipient was refused: " + _join(answers)) from exc
        raise
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code >= 500:
            raise PermanentFailure(_describe(exc)) from exc
        raise
    return {r: f"{code} {_text(text)}" for r, (code, text) in refused.items()}


def _connect() -> smtplib.SMTP:
    host, port, mode = settings.MAIL_RELAY_HOST, settings.MAIL_RELAY_PORT, settings.MAIL_RELAY_TLS
    context = ssl.create_default_context()
    if mode == "ssl":
        smtp = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
        if mode == "starttls":
            smtp.starttls(context=context)
    if settings.MAIL_RELAY_USER:
        smtp.login(settings.MAIL_RELAY_USER, settings.MAIL_RELAY_PASSWORD)
    return smtp


def _write_file(row: Outbox, message) -> dict[str, str]:
    directory = settings.MAIL_OUT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    about = f"ticket{row.ticket_id}" if row.ticket_id is not None else row.kind
    path = directory / f"{row.created_at:%Y%m%d-%H%M%S}-{about}-{row.pk}.eml"
    path.write_bytes(message.as_bytes())
    return {}


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _join(answers: dict[str, str]) -> str:
    return "; ".join(f"{r}: {a}" for r, a in answers.items())


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "Recipients refused: " + _join(
            {r: f"{c} {_text(t)}" for r, (c, t) in exc.recipients.items()}
        )
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def backoff(attempts: int) -> timedelta:
    return leases.backoff(attempts, BACKOFF_FIRST, BACKOFF_MAX)


def _sent(row: Outbox, token: str, refused: dict[str, str]) -> None:
    now = timezone.now()
    with transaction.atomic():
        marked = leases.release(
            _claimed(row),
            token,
            state=OutboxState.SENT,
            sent_at=now,
            refused=refused,
            last_error="",
        )
        if marked and refused and row.ticket_id is not None:
            from sunrelay.desk.services import record_delivery_failure

            record_delivery_failure(
                row.ticket, message=row.desk_message, reason="Refused: " + _join(refused), at=now
            )
    if not marked:
        logger.warning("Outbox %s was sent, but its claim had expired and was taken", row.pk)


def _retry(row: Outbox, token: str, error: str) -> None:
    if row.attempts >= settings.MAIL_OUTBOX_MAX_ATTEMPTS:
        _fail(row, token, f"Gave up after {row.attempts} attempts; last error: {error}")
        return
    leases.release(
        _claimed(row),
        token,
        state=OutboxState.QUEUED,
        next_attempt_at=timezone.now() + backoff(row.attempts),
        last_error=error[:2000],
    )
    logger.info("Outbox %s: attempt %s failed (%s); will retry", row.pk, row.attempts, error)


def _fail(row: Outbox, token: str, error: str) -> None:
    from sunrelay.desk.services import record_delivery_failure

    with transaction.atomic():
        marked = leases.release(
            _claimed(row), token, state=OutboxState.FAILED, last_error=error[:2000]
        )
        if marked and row.ticket_id is not None:
            # Mail without a ticket (notifications, reports) shows its failure on /mail/outbox/.
            record_delivery_failure(row.ticket, message=row.desk_message, reason=error)
    logger.warning("Outbox %s failed permanently: %s", row.pk, error)


def retry_now(row: Outbox) -> bool:
    """Staff asked to try a failed row again: it is queued with a fresh count of attempts.
    False when the row is no longer failed (someone else retried or discarded it)."""
    return bool(
        Outbox.objects.filter(pk=row.pk, state=OutboxState.FAILED).update(
            state=OutboxState.QUEUED, next_attempt_at=timezone.now(), attempts=0
        )
    )


def discard(row: Outbox, who: str) -> bool:
    """Staff decided a failed row will not be sent: it stays in the outbox (and on its ticket)
    as discarded, with who did it and when after its last error. False when the row is no
    longer failed."""
    now = timezone.now()
    note = f"Discarded by {who} on {now:%Y-%m-%d %H:%M} UTC."
    discarded = Outbox.objects.filter(pk=row.pk, state=OutboxState.FAILED).update(
        state=OutboxState.DISCARDED, last_error=f"{row.last_error}\n{note}".strip()
    )
    if discarded:
        logger.info("Outbox %s: %s", row.pk, note)
    return bool(discarded)
