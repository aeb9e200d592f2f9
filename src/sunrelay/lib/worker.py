"""The background worker: a loop over registered drain functions.

A drain function claims and processes one unit of work and returns True when more work may be
waiting (the loop calls it again at once) or False when there is nothing to do right now.
It claims its work atomically (a conditional UPDATE, or SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL), so any number of workers can run side by side; a claim carries a time stamp and
expires, so work held by a worker that died is picked up by another.

Apps register their drains in AppConfig.ready():

    from sunrelay.lib import worker
    worker.register("sla.check_breaches", sla.check_one)            # called whenever idle
    worker.register("reports.send_scheduled", reports.send_due, every=60)  # at most once a minute

A drain that raises is logged and rested for a while; the worker keeps going.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger("sunrelay.worker")

# How many units one drain may process before the others get their turn.
BATCH = 50
# How long the loop sleeps when no drain had anything to do.
IDLE_SECONDS = 1.0
# How long a drain that raised is left alone.
ERROR_REST_SECONDS = 30.0


@dataclass
class Drain:
    name: str
    func: Callable[[], bool]
    # Seconds between calls (a number, or a function returning one, read each time); 0: always.
    every: float | Callable[[], float] = 0
    next_at: float = field(default=0.0, compare=False)

    def interval(self) -> float:
        return float(self.every() if callable(self.every) else self.every)


_drains: dict[str, Drain] = {}


def register(name: str, func: Callable[[], bool], *, every: float | Callable[[], float] = 0):
    """Add (or replace) a drain function under a unique dotted name."""
    _drains[name] = Drain(name, func, every)


def drains() -> list[Drain]:
    return list(_drains.values())


def run_drain(drain: Drain, *, limit: int = BATCH) -> int:
    """Call one drain until it reports no more work or `limit` units ran; returns the count."""
    done = 0
    while done < limit:
        more = drain.func()
        done += 1
        if not more:
            break
    return done


def run_once(names: list[str] | None = None) -> bool:
    """One round over the drains that are due. True when some drain may have more work."""
    busy = False
    now = time.monotonic()
    for drain in drains():
        if names and drain.name not in names:
            continue
        if drain.next_at > now:
            continue
        try:
            done = run_drain(drain)
        except Exception:
            logger.exception("Drain %s failed; resting it for %ss", drain.name, ERROR_REST_SECONDS)
            drain.next_at = time.monotonic() + ERROR_REST_SECONDS
            continue
        interval = drain.interval()
        if interval:
            drain.next_at = time.monotonic() + interval
        elif done >= BATCH:
            busy = True
    return busy


def run_forever(stop: threading.Event | None = None, names: list[str] | None = None) -> None:
    stop = stop or threading.Event()
    logger.info("Worker started with %s", ", ".join(d.name for d in drains()) or "no drains")
    from django.db import close_old_connections

    while not stop.is_set():
        # Drop connections the database closed or that are past CONN_MAX_AGE.
        close_old_connections()
        if not run_once(names):
            stop.wait(IDLE_SECONDS)
    logger.info("Worker stopped")


def run_until_idle(names: list[str] | None = None, *, max_rounds: int = 1000) -> None:
    """Drain everything due now, once each for interval drains; for tests and cron."""
    for drain in drains():
        drain.next_at = 0.0
    for _ in range(max_rounds):
        if not run_once(names):
            return
