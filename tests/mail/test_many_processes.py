"""Two SMTP listeners and two workers, real processes, on one PostgreSQL database (as on
several machines): each message is stored and processed once however often and wherever it
is delivered, and each acknowledgement and reply reaches the customer's server once.

Skipped on SQLite: one machine's file database is not what several machines share. CI runs
the suite on PostgreSQL too, where this runs.
"""

from __future__ import annotations

import smtplib
import threading
import time
from collections import Counter
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser

import pytest
from aiosmtpd.controller import Controller
from bench.cluster import Installation, free_port, postgres_url

pytestmark = pytest.mark.skipif(
    postgres_url() is None,
    reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (CI runs the suite on it too)",
)

MESSAGES = 30
SUPPORT = "support@sunrelay.localhost"
# An agent answers every ticket, from a process of its own (as the web would).
REPLY_TO_EVERY_TICKET = """
import django
django.setup()
from sunrelay.desk import services
from sunrelay.desk.models import Ticket
from tests.factories import make_staff
agent = make_staff("alba", roles=["support"])
for ticket in Ticket.objects.order_by("pk"):
    services.reply(ticket, agent, f"About {ticket.subject}: fixed in 4.2.")
"""


class CountingSink:
    """A real SMTP server: how often each Message-ID arrived."""

    def __init__(self) -> None:
        self.deliveries: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        head = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        with self.lock:
            self.deliveries[str(head["Message-ID"]).strip("<> ")] += 1
        return "250 OK"


def customer_mail(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = f"person{n}@customer{n % 3}.test", SUPPORT
    msg["Subject"], msg["Message-ID"] = f"Export {n} fails", f"<export-{n}@customer.test>"
    msg.set_content(f"Export number {n} stops at 99 %.")
    if n % 5 == 0:
        msg.add_attachment(b"ERROR 57\n" * 50, maintype="text", subtype="plain", filename="log.txt")
    return msg.as_bytes(policy=policy.SMTP)  # CRLF, as SMTP carries it


def deliver(port: int, mails: list[bytes], start: threading.Barrier, errors: list) -> None:
    start.wait()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            for raw in mails:
                smtp.sendmail("customer@customer.test", [SUPPORT], raw)
    except Exception as exc:  # collected: the test fails with it below
        errors.append(exc)


def wait_for(condition, what, timeout: float = 240) -> None:
    """Wait until condition() holds; on timeout, fail saying `what()` (the state then)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out; {what()}")
        time.sleep(0.5)


def test_two_listeners_and_two_workers_store_process_and_send_everything_once(tmp_path):
    sink = CountingSink()
    sink_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink_port)
    controller.start()
    try:
        with Installation(tmp_path, postgres_url(), SUNRELAY_MAIL_ACKNOWLEDGE="true") as site:
            site.relay_to(sink_port)
            site.run("migrate", "--no-input", "-v", "0")
            listeners = [site.listen("smtpd-a.log"), site.listen("smtpd-b.log")]
            for name in ("worker-a.log", "worker-b.log"):
                site.start("worker", log=name)
            # Every message four times, byte for byte: to both listeners, in both orders, at once.
            mails = [customer_mail(n) for n in range(MESSAGES)]
            plan = [(listeners[i % 2], mails if i < 2 else mails[::-1]) for i in range(4)]
            start, errors = threading.Barrier(len(plan)), []
            senders = [
                threading.Thread(target=deliver, args=(port, order, start, errors))
                for port, order in plan
            ]
            for thread in senders:
                thread.start()
            for thread in senders:
                thread.join(timeout=300)
            assert errors == []

            def count(sql: str) -> int:
                return site.query(sql)[0][0]

            site.run("-c", REPLY_TO_EVERY_TICKET)
            wait_for(
                lambda: (
                    count("SELECT count(*) FROM mail_outbox WHERE state = 'sent'") == 2 * MESSAGES
                ),
                lambda: "outbox {}, raw {}, worker log: {}".format(
                    site.query("SELECT state, count(*) FROM mail_outbox GROUP BY 1"),
                    site.query("SELECT state, count(*) FROM mail_rawmessage GROUP BY 1"),
                    site.log("worker-a.log")[-2000:],
                ),
            )
            time.sleep(3)  # long enough for a second send to show, if there were one
            states = dict(site.query("SELECT state, count(*) FROM mail_rawmessage GROUP BY 1"))
            received = count("SELECT count(*) FROM desk_ticketevent WHERE kind = 'created'")
            customer_messages = count(
                "SELECT count(*) FROM desk_message WHERE author_user_id IS NULL"
            )
            files = site.query("SELECT count(*), count(DISTINCT storage_name) FROM mail_attachment")
            outbox = site.query("SELECT message_id, state, attempts FROM mail_outbox")
            logs = "".join(site.log(name) for name in
                           ("smtpd-a.log", "smtpd-b.log", "worker-a.log", "worker-b.log"))  # fmt: skip
    finally:
        controller.stop()

    assert states == {"processed": MESSAGES}
    assert received == MESSAGES and customer_messages == MESSAGES
    assert files == [(MESSAGES // 5, 1)]  # one file for the same log in six messages
    assert {state for _, state, _ in outbox} == {"sent"} and len(outbox) == 2 * MESSAGES
    assert {attempts for _, _, attempts in outbox} == {1}
    assert dict(sink.deliveries) == {message_id: 1 for message_id, _, _ in outbox}
    assert "Traceback" not in logs, logs[-4000:]
