"""Broken mail through the whole intake: nothing raises, nothing is lost, every refusal says why.

Every mutated message (tests/mail/fuzz.py) must end as a ticket, a message on a ticket, a
recorded bounce or automatic reply, a discarded duplicate, or quarantine with a reason a person
can act on, never a bare exception name. The quick run keeps `make test` fast; `make soak` runs
many more cases (SUNRELAY_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sunrelay.desk import services
from sunrelay.desk.models import Message
from sunrelay.mail import intake
from sunrelay.mail.models import Outbox, Outcome, RawMessage, RawState, Source
from tests.mail.fuzz import SEEDS, mutated_mail

EXAMPLES = int(os.environ.get("SUNRELAY_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
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


def accounted_for(raw: bytes, result) -> list[str]:
    """What is wrong with how intake left this message; [] when it is accounted for."""
    problems: list[str] = []
    stored = list(RawMessage.objects.filter(raw=raw)) if result.outcome else []
    if result.outcome not in Outcome.values:
        return [f"unknown outcome {result.outcome!r}"]
    if result.outcome == Outcome.DUPLICATE:
        return []  # stored earlier (or our own mail coming back): nothing new to keep
    if len(stored) != 1:
        return [f"stored {len(stored)} times"]
    row = stored[0]
    if row.state == RawState.PENDING:
        problems.append("left pending")
    if result.outcome == Outcome.QUARANTINED:
        if row.state != RawState.QUARANTINED:
            problems.append(f"quarantined but its row is {row.state}")
        if not row.reason.strip():
            problems.append("quarantined without a reason")
        if EXCEPTION_NAME.search(row.reason):
            problems.append(f"a developer's reason: {row.reason[:300]!r}")
    elif result.message_pk is not None:
        if not Message.objects.filter(pk=result.message_pk, ticket_id=row.ticket_id).exists():
            problems.append("its desk message is missing")
    elif result.outcome != Outcome.BOUNCE:  # a bounce of mail without a ticket marks the outbox
        problems.append(f"{result.outcome} without a desk message")
    return problems


def receive_and_forget(raw: bytes, source: str) -> tuple[object, list[str]]:
    """Receive one message and check it, then roll back: each case starts from the same desk."""
    with transaction.atomic():
        result = intake.receive(raw, source=source, envelope_from="bounce@ex.test")
        problems = accounted_for(raw, result)
        transaction.set_rollback(True)
    return result, problems


@FUZZ
@given(data=st.data())
def test_no_mutated_message_is_lost_or_crashes_the_intake(db, seeds, data):
    raw = data.draw(mutated_mail(seeds), label="message")
    source = data.draw(st.sampled_from([Source.SMTP, Source.IMPORT]), label="source")
    result, problems = receive_and_forget(raw, source)
    assert not problems, f"{result.outcome}: {result.reason[:300]!r}\n" + "\n".join(problems)


@FUZZ
@given(data=st.data())
def test_a_batch_of_mutated_messages_is_imported_with_nothing_lost(db, seeds, data):
    raws = data.draw(st.lists(mutated_mail(seeds), min_size=2, max_size=6), label="messages")
    with transaction.atomic():
        summary = intake.receive_many(raws, source=Source.IMPORT, batch_size=3)
        assert summary.received == len(raws)
        assert not RawMessage.objects.filter(state=RawState.PENDING).exists()
        for row in RawMessage.objects.filter(state=RawState.QUARANTINED):
            assert row.reason.strip(), "quarantined without a reason"
            assert not EXCEPTION_NAME.search(row.reason), row.reason[:300]
        transaction.set_rollback(True)
