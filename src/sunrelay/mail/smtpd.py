"""The SMTP listener (aiosmtpd) for the support addresses.

It accepts mail only for the configured support addresses (550 for anyone else, 553 for a
malformed address), refuses messages over SUNRELAY_MAX_MESSAGE_BYTES (552, also announced
with SIZE), and answers 250 only once the raw message is committed to the database.
"""

from __future__ import annotations

import asyncio
import logging

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connections

from sunrelay.mail import intake
from sunrelay.mail.headers import clean_address
from sunrelay.mail.models import Source

logger = logging.getLogger("sunrelay.mail.smtpd")


def _deliver(content: bytes, mail_from: str, rcpt_tos: list[str]):
    try:
        return intake.receive(
            content, source=Source.SMTP, envelope_from=mail_from, envelope_to=rcpt_tos
        )
    finally:
        # Runs on a pool thread: its connection is closed rather than left to go stale.
        connections.close_all()


class SupportHandler:
    def __init__(self, addresses: list[str] | None = None) -> None:
        self.addresses = {a.lower() for a in (addresses or settings.MAIL_SUPPORT_ADDRESSES)}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        cleaned = clean_address(address)
        if not cleaned:
            return "553 5.1.3 That is not a valid mailbox address"
        if cleaned not in self.addresses:
            return f"550 5.1.1 <{address}>: not a support address here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(
                None, _deliver, content, envelope.mail_from or "", list(envelope.rcpt_tos)
            )
        except Exception:
            logger.exception("Could not store a message from %s", envelope.mail_from)
            return "451 4.3.0 Could not store the message; try again later"
        logger.info("Message from %s: %s", envelope.mail_from, result.outcome)
        return "250 2.0.0 Stored"


Listener = Controller


def start(host: str | None = None, port: int | None = None) -> Controller:
    # aiosmtpd logs every command at INFO; our handler logs each stored message instead.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    listener = Controller(
        SupportHandler(),
        hostname=host or settings.MAIL_SMTP_HOST,
        port=settings.MAIL_SMTP_PORT if port is None else port,
        server_hostname="sunrelay",
        data_size_limit=settings.MAIL_MAX_MESSAGE_BYTES,
        enable_SMTPUTF8=True,
        ident="Sunrelay",
    )
    listener.start()
    return listener
