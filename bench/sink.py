"""A real SMTP server on loopback that counts what Sunrelay sends, by Message-ID."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

from bench.sandbox import free_port


class Sink:
    """Accepts every message; `deliveries[message_id]` is how often each one arrived."""

    def __init__(self) -> None:
        self.deliveries: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        head = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        with self.lock:
            self.deliveries[str(head.get("Message-ID", "")).strip()] += 1
        return "250 OK"

    def snapshot(self) -> Counter[str]:
        with self.lock:
            return Counter(self.deliveries)

    def total(self) -> int:
        with self.lock:
            return sum(self.deliveries.values())

    def __enter__(self) -> Sink:
        # aiosmtpd logs every command at INFO; the counts are what matters here.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()
