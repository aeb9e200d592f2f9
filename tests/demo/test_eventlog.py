"""The in-memory ticket history keeps the services' rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from sunrelay.demo.eventlog import TicketLog
from sunrelay.desk.models import EventKind, Status

T0 = datetime(2025, 1, 6, 9, tzinfo=UTC)


def new_log() -> TicketLog:
    log = TicketLog(ref="demo-000001", account="Acme Maps")
    log.create(
        T0,
        requester="carla@acme.test",
        subject="Tiles render blank",
        body="Help",
        channel="email",
        priority="normal",
        level="l1",
    )
    return log


def test_it_refuses_to_solve_without_a_cause():
    log = new_log()
    with pytest.raises(ValidationError, match="caused"):
        log.update(T0 + timedelta(hours=1), "alba", status=Status.SOLVED)


def test_it_refuses_to_close_an_unsolved_ticket_and_to_touch_a_closed_one():
    log = new_log()
    with pytest.raises(ValidationError, match="before closing"):
        log.update(T0, "alba", cause="question", status=Status.CLOSED)
    log.update(T0, "alba", cause="question", status=Status.SOLVED)
    log.update(T0 + timedelta(days=4), "alba", status=Status.CLOSED)
    with pytest.raises(ValidationError, match="closed"):
        log.receive(T0 + timedelta(days=5), "carla@acme.test", "Hello again")


def test_assigning_a_new_ticket_opens_it_and_unchanged_values_leave_no_event():
    log = new_log()
    log.update(T0, "alba", assignee="alba", priority="normal")
    assert [(e.kind, e.old, e.new) for e in log.events[1:]] == [
        (EventKind.ASSIGNEE, None, "alba"),
        (EventKind.STATUS, Status.NEW, Status.OPEN),
    ]
    before = log.updated_at
    log.update(T0 + timedelta(hours=1), "alba", priority="normal")
    assert log.updated_at == before
