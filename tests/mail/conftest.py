"""Real servers for mail tests: an SMTP sink (aiosmtpd), Sunrelay's own listener, Dovecot."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

DATA = Path(__file__).resolve().parents[1] / "data" / "mail"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def corpus(name: str) -> bytes:
    return (DATA / name).read_bytes()


class Sink:
    """Keeps every envelope; answers what `answer` says (250 by default)."""

    def __init__(self) -> None:
        self.envelopes = []
        self.answer = "250 OK"
        self.rcpt_answers: dict[str, str] = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        answer = self.rcpt_answers.get(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.answer.startswith("250"):
            with self.lock:
                self.envelopes.append(envelope)
        return self.answer


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback that the outbox relays to."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAIL_RELAY_HOST = "127.0.0.1"
    settings.MAIL_RELAY_PORT = port
    settings.MAIL_RELAY_TLS = "none"
    settings.MAIL_RELAY_USER = ""
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def mail_out_dir(settings, tmp_path):
    settings.MAIL_RELAY_HOST = ""
    settings.MAIL_OUT_DIR = tmp_path / "mail-out"
    return settings.MAIL_OUT_DIR
