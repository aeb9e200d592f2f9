"""Broken mail through the whole intake: nothing raises, nothing is lost, every refusal says why.

Every mutated message (tests/mail/fuzz.py) must end as a ticket, a message on a ticket, a
recorded bounce or automatic reply, a discarded duplicate, or quarantine with a reason a person
can act on: never a bare exception name, never because Sunrelay itself failed (an exception in
the log). The quick run keeps `make test` fast; `make soak` runs many more cases
(SUNRELAY_MAIL_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import logging
import os
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sunrelay.desk import services
from sunrelay.desk.models import Message
from sunrelay.mail import files, intake
from sunrelay.mail.models import Outbox, Outcome, RawMessage, RawState, Source
from tests.mail.fuzz import SEEDS, mutated_mail

# The quick run in `make test` tries the same cases every time, so nobody's suite turns red
# by chance; a soak (SUNRELAY_MAIL_FUZZ_EXAMPLES set) explores new ones on each run.
SOAK = "SUNRELAY_MAIL_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("SUNRELAY_MAIL_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not SOAK,
    deadline=None,
    database=None,  # a failure is reported with its message; no state left behind
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
# A reason that names an exception class was written for a developer, not for the person who
# has to decide what to do with the message.
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Warning)\b|Traceback")
PLACEHOLDER = re.compile(rb"\{\{(TICKET|SENT):[^}]+\}\}")


class Faults(logging.Handler):
    """Keeps the exceptions the intake logged while quarantining a message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


@pytest.fixture
def faults():
    handler = Faults()
    logger = logging.getLogger("sunrelay.mail")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@pytest.fixture
def seeds(settings, agent, ticket):
    """The corpus with its placeholders pointing at a real ticket and a real sent reply, so
    mutated replies, bounces and automatic answers can find what they refer to."""
    settings.MAIL_ACKNOWLEDGE = True
    message = services.reply(ticket, agent, "Could you send the style JSON?")
    sent = Outbox.objects.get(desk_message=message).message_id

    def fill(match: re.Match) -> bytes:
        return str(ticket.pk).encode() if match.group(1) == b"TICKET" else sent.encode()

    return {name: PLACEHOLDER.sub(fill, raw) for name, raw in SEEDS.items()}


def reason_problems(reason: str, faults: Faults) -> list[str]:
    if not reason.strip():
        return ["quarantined without a reason"]
    if EXCEPTION_NAME.search(reason):
        return [f"a developer's reason: {reason[:300]!r}"]
    if faults.records:  # quarantined in words, but because Sunrelay failed: a fault to fix
        return [
            f"a fault in Sunrelay: {r.exc_info[0].__name__}: {r.exc_info[1]}"
            for r in faults.records
        ]
    return []


def accounted_for(raw: bytes, result, faults: Faults) -> list[str]:
    """What is wrong with how intake left this message; [] when it is accounted for."""
    if result.outcome not in Outcome.values:
        return [f"unknown outcome {result.outcome!r}"]
    if result.outcome == Outcome.DUPLICATE:
        return []  # stored before, or our own mail coming back: nothing new to keep
    # A row names its bytes by digest; a fresh row's bytes are read back from the storage.
    stored = list(RawMessage.objects.filter(sha256=files.digest(raw)))
    if len(stored) != 1:
        return [f"stored {len(stored)} times"]
    row = stored[0]
    if files.raw_of(row) != raw:
        return ["its stored bytes differ from the message received"]
    if result.outcome == Outcome.QUARANTINED:
        if row.state != RawState.QUARANTINED:
            return [f"quarantined but its row is {row.state}"]
        return reason_problems(row.reason, faults)
    if row.state != RawState.PROCESSED:
        return [f"{result.outcome} but its row is {row.state}"]
    if result.message_pk is not None:
        if not Message.objects.filter(pk=result.message_pk, ticket_id=row.ticket_id).exists():
            return ["its desk message is missing"]
    elif result.outcome != Outcome.BOUNCE:  # a bounce of mail without a ticket marks the outbox
        return [f"{result.outcome} without a desk message"]
    return []


@FUZZ
@given(data=st.data())
def test_no_mutated_message_is_lost_or_crashes_the_intake(db, seeds, faults, data):
    raw = data.draw(mutated_mail(seeds), label="message")
    source = data.draw(st.sampled_from([Source.SMTP, Source.IMPORT]), label="source")
    faults.records.clear()
    with transaction.atomic():  # rolled back: each case starts from the same desk
        result = intake.receive(raw, source=source, envelope_from="bounce@ex.test")
        problems = accounted_for(raw, result, faults)
        transaction.set_rollback(True)
    assert not problems, f"{result.outcome}: {result.reason[:300]!r}\n" + "\n".join(problems)


@settings(FUZZ, max_examples=max(EXAMPLES // 5, 10))
@given(data=st.data())
def test_a_batch_of_mutated_messages_is_imported_with_nothing_lost(db, seeds, faults, data):
    raws = data.draw(st.lists(mutated_mail(seeds), min_size=2, max_size=6), label="messages")
    faults.records.clear()
    with transaction.atomic():
        summary = intake.receive_many(raws, source=Source.IMPORT, batch_size=3)
        assert summary.received == len(raws)
        assert not RawMessage.objects.filter(state=RawState.PENDING).exists()
        problems = [
            p
            for reason in RawMessage.objects.filter(state=RawState.QUARANTINED).values_list(
                "reason", flat=True
            )
            for p in reason_problems(reason, faults)
        ]
        transaction.set_rollback(True)
    assert not problems, "\n".join(problems)
