"""The SMTP listener, the worker and the web writing at once, as real processes on one
database (an SQLite file, or PostgreSQL when DATABASE_URL names one): no client hears an
error, no log says "database is locked", nothing is lost.

Customers send mail to `sunrelay serve`'s listener while agents reply, note and change
status through the web (logged in, with CSRF, as htmx posts) and the API; the worker
acknowledges the new tickets and sends the replies to a real SMTP sink.
"""

from __future__ import annotations

from bench import load
from bench.sink import Sink

SECONDS = 10


def test_listener_worker_and_web_write_at_once_without_a_lock_error(sandbox):
    box = sandbox("busy", SUNRELAY_MAIL_ACKNOWLEDGE="true")
    with Sink() as sink:
        box.relay_to(sink.port)
        server = box.serve()
        # No pause between operations: every client writes as fast as it is answered.
        plan = load.Plan(seconds=SECONDS, senders=4, api_agents=4, web_agents=3, pause=0)
        figures = load.run(box, sink, plan)
        box.stop(server)
        output = box.log("serve.log")
    operations = figures["operations"]
    assert figures["errors"] == 0, load.describe(figures)
    assert "database is locked" not in output and "Traceback" not in output, output[-3000:]
    # Each kind of write really ran, concurrently.
    for op in ("smtp.send", "api.reply", "api.note", "api.status", "web.note", "web.reply"):
        assert operations[op]["count"] > 0, op
    book = figures["ledger"]
    assert figures["drained"], book
    assert (book["lost"], book["doubled"]) == (0, 0), book
    assert book["accepted"] == operations["smtp.send"]["count"]
    # Every new ticket's acknowledgement and every reply went out.
    assert book["queued"] >= figures["replies_made"] > 0
