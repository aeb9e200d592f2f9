"""Retrying a short database write that must not be lost (recording that mail was sent)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError

T = TypeVar("T")


def retry_on_busy(write: Callable[[], T], attempts: int = 6, pause: float = 0.05) -> T:
    """Run `write`; if the database is busy or locked, wait and try again a few times."""
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError as exc:
            text = str(exc).lower()
            if attempt == attempts - 1 or not ("locked" in text or "busy" in text):
                raise
            time.sleep(pause * 2**attempt)
    raise AssertionError("unreachable")
