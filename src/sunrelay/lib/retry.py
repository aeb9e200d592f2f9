"""Retrying a short database write that must not be lost (recording that mail was sent)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError

T = TypeVar("T")


def retry_on_busy(write: Callable[[], T], attempts: int = 6, pause: float = 0.05) -> T:
    """Run `write` and return its result; while the database says it is busy or locked, wait
    (`pause` seconds, doubling) and run it again, `attempts` times in all. Any other error,
    or the last busy one, is raised."""
    if attempts < 1:
        raise ValueError(f"retry_on_busy needs at least one attempt, not {attempts}")
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError as exc:
            text = str(exc).lower()
            if attempt == attempts - 1 or not ("locked" in text or "busy" in text):
                raise
            time.sleep(pause * 2**attempt)
    raise AssertionError("unreachable")
