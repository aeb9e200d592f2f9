"""retry_on_busy: a short write survives a busy database; every other error comes through."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, OperationalError

from sunrelay.lib import retry
from sunrelay.lib.retry import retry_on_busy


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(retry.time, "sleep", slept.append)
    return slept


def failing(*errors: BaseException, result: str = "written"):
    """A write that raises `errors` one per call, then returns `result`; counts its calls."""
    calls = []

    def write() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return result

    write.calls = calls  # type: ignore[attr-defined]
    return write


def test_a_write_that_succeeds_runs_once(pauses):
    write = failing()
    assert retry_on_busy(write) == "written"
    assert len(write.calls) == 1 and pauses == []


@pytest.mark.parametrize(
    "message", ["database is locked", "Database Is LOCKED", "database table is locked", "busy"]
)
def test_a_busy_database_is_waited_for(pauses, message):
    write = failing(OperationalError(message), OperationalError(message))
    assert retry_on_busy(write, pause=0.1) == "written"
    assert len(write.calls) == 3
    assert pauses == [0.1, 0.2]  # doubling


def test_it_gives_up_after_the_attempts_and_raises_the_last_error(pauses):
    errors = [OperationalError(f"database is locked ({n})") for n in range(4)]
    write = failing(*errors)
    with pytest.raises(OperationalError, match=r"locked \(2\)"):
        retry_on_busy(write, attempts=3, pause=1)
    assert len(write.calls) == 3
    assert pauses == [1, 2]  # no pause after the last attempt


def test_one_attempt_means_no_retry(pauses):
    write = failing(OperationalError("database is locked"))
    with pytest.raises(OperationalError):
        retry_on_busy(write, attempts=1)
    assert len(write.calls) == 1 and pauses == []


def test_other_database_errors_are_raised_at_once(pauses):
    write = failing(OperationalError("no such table: mail_outbox"))
    with pytest.raises(OperationalError, match="no such table"):
        retry_on_busy(write)
    assert len(write.calls) == 1 and pauses == []


@pytest.mark.parametrize("error", [IntegrityError("database is locked"), ValueError("busy")])
def test_errors_that_are_not_operational_are_raised_at_once(pauses, error):
    write = failing(error)
    with pytest.raises(type(error)):
        retry_on_busy(write)
    assert len(write.calls) == 1 and pauses == []


@pytest.mark.parametrize("attempts", [0, -1])
def test_fewer_than_one_attempt_is_refused(pauses, attempts):
    write = failing()
    with pytest.raises(ValueError, match="at least one attempt"):
        retry_on_busy(write, attempts=attempts)
    assert write.calls == []
