"""Nothing lost, nothing doubled: what went in and out of a sandbox, checked in its database
and at the SMTP sink.

Inbound: every message the senders saw accepted (SMTP 250, or written to an imported archive)
is stored once and processed (no row left pending); each lands on a ticket once.
Outbound: every queued e-mail (replies, acknowledgements) is marked sent and arrived at the
sink. A message may arrive twice only when a worker died between the relay's 250 and
recording it as sent: no SMTP client can close that window, so the outbox sends it again with
the same Message-ID (receiving clients show one message) and counts the attempt. More arrivals
than attempts would be a real double send.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass

from bench.sandbox import Sandbox


@dataclass
class Ledger:
    accepted: int = 0  # inbound messages the senders handed over
    missing: int = 0  # accepted, never stored
    unfinished: int = 0  # stored, still pending
    stored_twice: int = 0  # a Message-ID on more than one desk message
    queued: int = 0  # outgoing e-mails in the outbox
    unsent: int = 0  # not marked sent
    undelivered: int = 0  # marked sent, never arrived at the sink
    resent: int = 0  # arrived twice after a kill (same Message-ID, within its attempts)
    sent_twice: int = 0  # arrived more often than it was attempted: a real double send

    @property
    def lost(self) -> int:
        return self.missing + self.unfinished + self.unsent + self.undelivered

    @property
    def doubled(self) -> int:
        return self.stored_twice + self.sent_twice

    def as_dict(self) -> dict:
        return {**asdict(self), "lost": self.lost, "doubled": self.doubled}


def waiting(sandbox: Sandbox) -> dict[str, int]:
    """Stored messages waiting to be processed, e-mails waiting to be sent."""
    stored, unsent = sandbox.query(
        "SELECT (SELECT count(*) FROM mail_rawmessage WHERE state = 'pending'),"
        " (SELECT count(*) FROM mail_outbox WHERE state IN ('queued', 'sending'))"
    )[0]
    return {"stored": stored, "unsent": unsent}


def drained(sandbox: Sandbox) -> bool:
    """No stored message waits to be processed, no e-mail waits to be sent."""
    return not any(waiting(sandbox).values())


def wait_drained(sandbox: Sandbox, sink, timeout: float) -> bool:
    """Wait until the database is drained and the sink has every sent e-mail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if drained(sandbox) and not _undelivered(sandbox, sink.snapshot()):
            return True
        time.sleep(0.5)
    return False


def _undelivered(sandbox: Sandbox, deliveries: Counter) -> list[str]:
    rows = sandbox.query("SELECT message_id FROM mail_outbox WHERE state = 'sent'")
    return [mid for (mid,) in rows if deliveries[f"<{mid}>"] == 0]


def inbound_messages(sandbox: Sandbox) -> int:
    """Messages on tickets written by customers (or their mail systems)."""
    return sandbox.query(
        "SELECT count(*) FROM desk_message WHERE kind IN ('customer', 'auto_reply', 'bounce')"
    )[0][0]


def _from_mail(sandbox: Sandbox) -> int:
    return sandbox.query(
        "SELECT count(DISTINCT desk_message_id) FROM mail_rawmessage "
        "WHERE desk_message_id IS NOT NULL"
    )[0][0]


def check(sandbox: Sandbox, sink, accepted: list[str], baseline: int = 0) -> Ledger:
    """The ledger of a run: `accepted` are the inbound Message-IDs, without brackets;
    `baseline` the inbound_messages() written before the run, not by mail."""
    ledger = Ledger(accepted=len(accepted))
    stored = dict(sandbox.query("SELECT message_id, state FROM mail_rawmessage"))
    ledger.missing = sum(1 for mid in accepted if mid not in stored)
    ledger.unfinished = sum(1 for state in stored.values() if state == "pending")
    # Every desk message from mail is pointed at by its one stored raw message; any more
    # customer messages than that (beyond those written before the run) were stored twice.
    ledger.stored_twice = max(0, inbound_messages(sandbox) - baseline - _from_mail(sandbox))
    deliveries = sink.snapshot()
    outbox = sandbox.query("SELECT message_id, state, attempts FROM mail_outbox")
    ledger.queued = len(outbox)
    ledger.unsent = sum(1 for _mid, state, _n in outbox if state != "sent")
    ledger.undelivered = len(_undelivered(sandbox, deliveries))
    for mid, _state, attempts in outbox:
        arrived = deliveries[f"<{mid}>"]
        if arrived > max(attempts, 1):
            ledger.sent_twice += 1
        elif arrived > 1:
            ledger.resent += 1
    return ledger
