"""The peer beside Sunrelay (bench/peers/django_helpdesk): the same mbox through both
imports (`mail_import_rate_vs_peer`) and the peer's pages on the same generated desk,
whose figures desk_pages stores as peer_value beside Sunrelay's."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import mail_import
from bench.mailgen import write_mbox
from bench.peers.django_helpdesk import run as helpdesk
from bench.results import Figure


def run(desk_db: Path, *, messages: int, runs: int, ours: list[Figure]) -> tuple[dict, list]:
    """The peer's figures, and mail_import_rate_vs_peer: Sunrelay's rate from `ours` (the
    mail benchmark of this run) or, without it, from one import of the same mbox now."""
    from rich.console import Console

    console = Console(stderr=True)
    with tempfile.TemporaryDirectory(prefix="sunrelay-peer-") as tmp:
        mbox = write_mbox(Path(tmp) / "bench.mbox", messages)  # the mail benchmark's file
        peer = helpdesk.run(desk_db, mbox, runs=runs, progress=console.print)
    rate = next((f.value for f in ours if f.name == "mail_import_rate"), None)
    if rate is None:
        rate = next(f.value for f in mail_import.run(messages=messages, runs=1))
    imported = peer["import"]
    console.print(
        f"  django-helpdesk {peer['version']}: import {imported['rate']:,.1f} messages/s "
        f"({imported['cpu_rate']:,.1f} per CPU second, {imported['queries_per_message']:.1f} "
        "queries a message); list page and data p95 "
        f"{peer['list_page_p95']:.0f} ms, the data alone "
        f"{peer['list_p95']:.0f} ms ({peer['list_queries']} queries); search p95 "
        f"{peer['search_p95']:.0f} ms; ticket page p95 {peer['ticket_p95']:.0f} ms"
    )
    figure = Figure(
        "mail_import_rate_vs_peer",
        round(rate, 1),
        "messages/s",
        messages,
        round(imported["rate"], 1),
        f"the same mbox; peer: django-helpdesk {peer['version']}, "
        f"{imported['cpu_rate']:,.1f} messages per CPU second, "
        f"{imported['queries_per_message']:.1f} queries a message",
    )
    return peer, [figure]
