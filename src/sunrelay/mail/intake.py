"""One pipeline behind every way mail comes in: store the raw bytes, then parse and route.

The raw message is committed before it is parsed, claimed by the process that received it
(lib/leases.py); its bytes are saved in the mail storage (mail.files) inside the transaction
that inserts its row, so the row never names a file that is not there. Processing then runs in its own transaction; a process that dies in between
leaves the row pending with a claim that expires after SUNRELAY_INBOUND_LEASE_SECONDS, and the
worker's recover_one() finishes the job.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from sunrelay.lib import leases
from sunrelay.lib.retry import retry_on_busy
from sunrelay.mail import dedup, files, headers
from sunrelay.mail.loops import LoopWindow
from sunrelay.mail.models import LIVE_SOURCES, Outcome, RawMessage, RawState
from sunrelay.mail.route import Context, Result, route
from sunrelay.mail.senders import Senders

logger = logging.getLogger("sunrelay.mail.intake")

SUMMARY_KEYS = {
    Outcome.CREATED: "created",
    Outcome.THREADED: "threaded",
    Outcome.DUPLICATE: "duplicates",
    Outcome.AUTO_REPLY: "auto_replies",
    Outcome.BOUNCE: "bounces",
    Outcome.QUARANTINED: "quarantined",
}


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUMMARY_KEYS.values(), 0))
    received: int = 0

    def add(self, outcome: str) -> None:
        self.received += 1
        self.counts[SUMMARY_KEYS[outcome]] += 1

    def as_dict(self) -> dict[str, int]:
        return {"received": self.received, **self.counts}


def _new_row(
    raw: bytes, source: str, envelope_from: str, envelope_to, now, token, mailing_list=None
) -> RawMessage:
    scanned = headers.scan(raw)
    digest = hashlib.sha256(raw).hexdigest()
    dated_at = now
    if source not in LIVE_SOURCES and scanned.date is not None and scanned.date <= now:
        dated_at = scanned.date
    row = RawMessage(
        storage_name=files.name_for(files.RAW, digest),
        size=len(raw),
        sha256=digest,
        dedup_key=dedup.key(raw, scanned.message_id, digest),
        message_id=scanned.message_id,
        source=source,
        envelope_from=(envelope_from or "")[:254],
        envelope_to=", ".join(envelope_to or ()),
        sender=scanned.sender,
        subject=scanned.subject,
        received_at=now,
        dated_at=dated_at,
        claimed_at=now,
        claim_token=token,
        mailing_list=mailing_list,
    )
    row.scanned_ids = [scanned.message_id, *scanned.thread_ids]
    files.keep(row, raw)
    return row


def store(
    raw: bytes, *, source: str, envelope_from: str = "", envelope_to: Iterable[str] = ()
) -> tuple[RawMessage | None, str]:
    """Commit the raw message, claimed by the caller. (None, '') when it is a duplicate."""
    token = leases.new_token()
    row = _new_row(raw, source, envelope_from, list(envelope_to), timezone.now(), token)
    try:
        with transaction.atomic():
            row.save()  # a re-delivery stops here (its dedup key), before writing a file
            files.put(row.storage_name, raw)
    except IntegrityError:
        return None, ""
    return row, token


def store_many(
    raws: list[bytes], *, source: str, mailing_list=None
) -> tuple[list[RawMessage], str, int]:
    """Commit a batch of raw messages (of `mailing_list`'s archive, when given); returns the
    stored rows, their claim token and the number of duplicates skipped."""
    token = leases.new_token()
    now = timezone.now()
    rows, seen = [], set()
    for raw in raws:
        row = _new_row(raw, source, "", (), now, token, mailing_list)
        if row.dedup_key not in seen:
            seen.add(row.dedup_key)
            rows.append(row)
    existing = set(
        RawMessage.objects.filter(dedup_key__in=[r.dedup_key for r in rows]).values_list(
            "dedup_key", flat=True
        )
    )
    rows = [r for r in rows if r.dedup_key not in existing]
    try:
        with transaction.atomic():
            RawMessage.objects.bulk_create(rows)
            files.put_many((r.storage_name, files.raw_of(r)) for r in rows)
    except IntegrityError:  # another process stored one of them meanwhile: one by one
        stored = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
                    files.put(row.storage_name, files.raw_of(row))
                stored.append(row)
            except IntegrityError:
                row.pk = None
        rows = stored
    return rows, token, len(raws) - len(rows)


def _take(row: RawMessage, token: str) -> bool:
    # A processor whose claim expired and was taken over stops here; on PostgreSQL the row
    # lock makes a concurrent taker wait for our outcome.
    pending = RawMessage.objects.filter(pk=row.pk, state=RawState.PENDING)
    return bool(leases.release(pending, token, state=RawState.PROCESSED))


# Staff read quarantine reasons: what went wrong in words; the traceback is in the log.
PROCESSING_FAILED = (
    "Sunrelay could not read this message: something in it is built in a way the mail "
    "reader does not handle yet (an error on our side, logged with the raw message {pk}). "
    "It is kept whole: read the raw source here, and process it again after an update."
)


def _route_safely(row: RawMessage, force: bool, context: Context) -> Result:
    mark = context.checkpoint()
    try:
        with transaction.atomic():
            return route(row, force=force, context=context)
    except ValidationError as exc:  # the desk's rules refused it (desk.lifecycle)
        context.rollback_to(mark)
        return Result(Outcome.QUARANTINED, "The desk refused it: " + " ".join(exc.messages))
    except DatabaseError:
        context.rollback_to(mark)
        logger.exception("Message %s could not be saved; quarantined", row.pk)
        return Result(
            Outcome.QUARANTINED,
            "The database refused to save what this message became (details in the server "
            f"log, raw message {row.pk}). It is kept whole: process it again later.",
        )
    except Exception:
        context.rollback_to(mark)
        logger.exception("Message %s could not be processed; quarantined", row.pk)
        return Result(Outcome.QUARANTINED, PROCESSING_FAILED.format(pk=row.pk))


def _outcome_fields(row: RawMessage, result: Result, now) -> RawMessage:
    row.state = {
        Outcome.QUARANTINED: RawState.QUARANTINED,
        Outcome.DUPLICATE: RawState.DISCARDED,
    }.get(result.outcome, RawState.PROCESSED)
    row.outcome = result.outcome
    row.reason = headers.storable(result.reason[:5000])  # it may quote the message
    row.processed_at = now
    row.ticket_id = result.ticket_id
    row.desk_message_id = result.message_pk
    return row


def _save_outcomes(rows: list[RawMessage]) -> None:
    # One prepared statement for the batch: much cheaper than an ORM update per row.
    table = connection.ops.quote_name(RawMessage._meta.db_table)
    sql = (
        f"UPDATE {table} SET state = %s, outcome = %s, reason = %s, "  # noqa: S608
        "processed_at = %s, ticket_id = %s, desk_message_id = %s WHERE id = %s"
    )
    params = [
        (
            r.state,
            r.outcome,
            r.reason,
            connection.ops.adapt_datetimefield_value(r.processed_at),
            r.ticket_id,
            r.desk_message_id,
            r.pk,
        )
        for r in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def process(
    row: RawMessage, token: str, *, force: bool = False, context: Context | None = None
) -> Result | None:
    """Parse and route a stored message held by `token`; None if another processor had it.

    force=True is a person's "process again": the checks that held the message (loop
    breaker, automatic-message and bounce detection) are skipped; it is treated as a
    customer's message.
    """
    context = context or Context(Senders())
    # Read before the transaction, and outside the routing's safety net: a storage that does
    # not answer is no reason to quarantine; the row stays pending and is tried again.
    files.keep(row, files.raw_of(row))
    with transaction.atomic():
        if not _take(row, token):
            return None
        result = _route_safely(row, force, context)
        _outcome_fields(row, result, timezone.now())
        RawMessage.objects.filter(pk=row.pk).update(
            state=row.state,
            outcome=row.outcome,
            reason=row.reason,
            processed_at=row.processed_at,
            ticket_id=row.ticket_id,
            desk_message_id=row.desk_message_id,
        )
    return result


class _RetryOneByOne(Exception):
    pass


def process_batch(rows: list[RawMessage], token: str, context: Context) -> list[Result] | None:
    """process() for a stored batch in one transaction, written in bulk (desk.bulk).

    Optimistic: messages are routed without a savepoint each. If any routing raises, the
    whole batch is rolled back and None returned; the caller then processes the batch one
    message at a time, where a failing message is quarantined on its own.
    """
    mark = context.checkpoint()
    try:
        with transaction.atomic():
            pending = RawMessage.objects.filter(pk__in=[r.pk for r in rows], state=RawState.PENDING)
            taken = leases.release(pending, token, state=RawState.PROCESSED)
            if taken != len(rows):
                # Some rows were taken over meanwhile (an expired claim).
                raise _RetryOneByOne
            context.start_batch()
            results = [route(row, force=False, context=context) for row in rows]
            context.finish_batch()
            now = timezone.now()
            for row, result in zip(rows, results, strict=True):
                _outcome_fields(row, result, now)
            _save_outcomes(rows)
    except _RetryOneByOne:
        context.end_batch()
        context.rollback_to(mark)
        return None
    except Exception:
        logger.warning(
            "A message of an import batch failed; processing it one by one", exc_info=True
        )
        context.end_batch()
        context.rollback_to(mark)
        return None
    return results


def receive(
    raw: bytes, *, source: str, envelope_from: str = "", envelope_to: Iterable[str] = ()
) -> Result:
    """Store then process one message (SMTP, IMAP, standard input)."""
    row, token = store(raw, source=source, envelope_from=envelope_from, envelope_to=envelope_to)
    if row is None:
        return Result(Outcome.DUPLICATE, "Already received")
    return process(row, token) or Result(Outcome.DUPLICATE, "Processed elsewhere")


def receive_many(
    raws: Iterable[bytes],
    *,
    source: str,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
    mailing_list=None,
) -> Summary:
    """Store and process a stream of messages in batches (imports); memory stays flat.

    With `mailing_list`, the messages are that list's archive: its members' posts come in as
    mailing-list tickets, threaded, even without the list's headers (mail.listposts)."""
    summary = Summary()
    context = Context(Senders(preload_domains=True))
    batch: list[bytes] = []

    def flush() -> None:
        rows, token, duplicates = store_many(batch, source=source, mailing_list=mailing_list)
        for _ in range(duplicates):
            summary.add(Outcome.DUPLICATE)
        context.loops = LoopWindow(rows)
        context.senders.prefetch(r.sender for r in rows)
        context.prefetch_ids(rows)
        # One transaction per batch: far fewer commits; each message still has its savepoint.
        results = process_batch(rows, token, context) if rows else []
        if results is None:
            for row in rows:
                row.state = RawState.PENDING  # _outcome_fields may have run on the copies
            results = [process(row, token, context=context) for row in rows]
        for result in results:
            summary.add(result.outcome if result else Outcome.DUPLICATE)
        if progress:
            progress(len(batch))
        batch.clear()

    for raw in raws:
        batch.append(raw)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return summary


def lease() -> timedelta:
    return timedelta(seconds=settings.MAIL_INBOUND_LEASE_SECONDS)


def recover_one() -> bool:
    """Drain function: process one stored message whose processor died. True if maybe more."""
    claimed = leases.claim_one(
        RawMessage,
        Q(state=RawState.PENDING),
        ("received_at", "id"),
        now=timezone.now(),
        lease=lease(),
    )
    if claimed is None:
        return False
    row, token = claimed
    logger.info("Recovering stored message %s", row.pk)
    try:
        process(row, token)
    except Exception:
        # A database error rolled the processing back: let the next round try again
        # instead of waiting for the claim to expire.
        retry_on_busy(lambda: leases.release(RawMessage.objects.filter(pk=row.pk), token))
        raise
    return True


def reprocess(row: RawMessage, *, force: bool = True) -> Result | None:
    """Staff's "process again" for a quarantined message."""
    claimed = leases.claim_one(
        RawMessage,
        Q(pk=row.pk, state=RawState.QUARANTINED),
        ("id",),
        now=timezone.now(),
        lease=lease(),
        state=RawState.PENDING,
    )
    if claimed is None:
        return None
    return process(*claimed, force=force)


def discard(row: RawMessage, who: str) -> bool:
    """Staff's "discard": kept for the retention period, then purged."""
    now = timezone.now()
    return bool(
        RawMessage.objects.filter(pk=row.pk, state=RawState.QUARANTINED).update(
            state=RawState.DISCARDED,
            processed_at=now,
            reason=f"{row.reason}\nDiscarded by {who} on {now:%Y-%m-%d %H:%M} UTC.".strip(),
        )
    )
