"""SIGKILL the importer and the worker at random points while mail arrives by SMTP and
replies are queued through the API (bench/crashes.py): afterwards every message is stored
once and processed, and every e-mail was sent, counted at a real SMTP sink.

A message may reach the sink twice only when its worker died between the relay's answer and
recording it as sent, no SMTP client can close that window; it then goes again with the same
Message-ID (mail clients show one) and the ledger checks it arrived no more often than it was
attempted.
"""

from __future__ import annotations

from bench import crashes
from bench.sink import Sink

KILLS = 20


def test_killing_importers_and_workers_loses_nothing_and_doubles_nothing(sandbox):
    box = sandbox("crashes")
    with Sink() as sink:
        figures = crashes.run(box, sink, crashes.Plan(kills=KILLS, seed=13))
    summary = crashes.describe(figures)
    assert figures["importers_killed"] >= KILLS and figures["workers_killed"] >= KILLS, summary
    book = figures["ledger"]
    assert figures["drained"], summary
    assert book["lost"] == 0 and book["doubled"] == 0, (summary, book)
    assert figures["errors"] == 0 and figures["locked_in_logs"] == 0, figures["operations"]
    # Real work was under fire: mail from both doors, and e-mails out.
    assert figures["smtp_messages"] > 0 and figures["archived_messages"] > 0, summary
    assert book["queued"] >= figures["replies_made"] > 0, summary
    print(summary)
