"""Generated tickets written in bulk into a migrated, empty database: bench.reportgen's
stories with their event logs and report clocks, and with `desk=True` the desk's side too
(bench.deskrows: about five messages a ticket with notes and files, SLA rows and queue
places of unsolved tickets, search documents).

    python -m bench.bulkload --tickets 100000 --weeks 104 --desk

Worker processes build the rows (one per core); this process writes them, a batch per
transaction, with executemany on SQLite and COPY on PostgreSQL (lib.fastinsert). Secondary
indexes are dropped first and built once at the end, over all the rows.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time

from bench import reportgen
from bench.reportstory import DAY, TAGS

BATCH = 20_000


def generate(
    tickets: int, weeks: int, seed: int = 7, progress=print, *, desk: bool = False
) -> None:
    from django.db import connection, connections, transaction

    from sunrelay.desk.models import Tag
    from sunrelay.sla import config as sla_config

    rng = random.Random(seed)
    with transaction.atomic():
        team = reportgen.Team()
        reportgen.sla_setup()
        people = reportgen.customers(rng, max(300, tickets // 300), max(1500, tickets // 30))
        tag_ids = {name: Tag.objects.create(name=name).pk for name in TAGS}
    end = int(reportgen.ANCHOR.timestamp())
    reportgen._WORLD.update(
        team=team,
        people=people,
        tag_ids=tag_ids,
        config=sla_config.current(),
        vendor=connection.vendor,
        start=end - weeks * 7 * DAY,
        end=end,
        seed=seed,
        persons=_persons() if desk else None,
    )
    connections.close_all()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # a throw-away file: durability does not matter
            cursor.execute("PRAGMA synchronous=OFF")
            # Every row's references are to rows written before it; checking them at each
            # commit costs more than writing them.
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")
    batches = [(first, min(BATCH, tickets - first)) for first in range(0, tickets, BATCH)]
    started = time.perf_counter()
    tables = _tables(desk)
    indexes = _drop_indexes([model._meta.db_table for model, _ in tables])
    with multiprocessing.get_context("fork").Pool(max(1, os.cpu_count() or 1)) as pool:
        done = 0
        for rows in pool.imap(reportgen._batch, batches):
            _write(tables, rows)
            done += len(rows[0])
            progress(f"{done:,} tickets written ({time.perf_counter() - started:.0f} s)")
    progress(f"Rebuilding {len(indexes)} indexes ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        for sql in indexes:
            cursor.execute(sql)
    if desk:
        _finish_desk(progress, started)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    progress(f"Done in {time.perf_counter() - started:.0f} s")


def _persons() -> dict:
    """Contact id -> deskrows.Person, for the texts and documents of their tickets."""
    from bench.deskrows import Person
    from sunrelay.accounts.models import Contact

    rows = Contact.objects.values_list(
        "pk", "name", "email", "skill", "account__name", "account__tier", "account__strategic",
        "account__mrr",
    )  # fmt: skip
    return {pk: Person(n, e, s, a, t, st, float(m)) for pk, n, e, s, a, t, st, m in rows}


def _tables(desk: bool) -> list[tuple]:
    """(model, columns) in the order the rows of a batch are written (rows referred to
    before the rows referring to them: PostgreSQL checks foreign keys during COPY)."""
    from bench import deskrows
    from sunrelay.desk.models import Message, Ticket, TicketEvent
    from sunrelay.mail.models import Attachment
    from sunrelay.reports.models import Clock, TicketFact
    from sunrelay.reports.refresh import CLOCK_COLUMNS
    from sunrelay.search.models import TicketDocument
    from sunrelay.sla.models import TicketSla, TicketUrgency

    events = reportgen.EVENT_COLUMNS + (("message_id",) if desk else ())
    tables = [
        (Ticket, reportgen.TICKET_COLUMNS),
        (Ticket.tags.through, ("ticket_id", "tag_id")),
        (TicketFact, reportgen.FACT_COLUMNS),
        (Clock, CLOCK_COLUMNS),
    ]
    if desk:
        tables += [
            (Message, deskrows.MESSAGE_COLUMNS),
            (Attachment, deskrows.ATTACHMENT_COLUMNS),
            (TicketSla, deskrows.SLA_COLUMNS),
            (TicketUrgency, deskrows.URGENCY_COLUMNS),
            (TicketDocument, deskrows.DOCUMENT_COLUMNS),
        ]
    return [*tables, (TicketEvent, events)]


def _write(tables: list[tuple], rows: tuple) -> None:
    from django.db import transaction

    from sunrelay.lib.fastinsert import insert_rows
    from sunrelay.mail import files

    tickets, events, tags, facts, clocks, desk = rows
    by_table = [tickets, tags, facts, clocks]
    if desk is not None:
        by_table += [desk.messages, desk.attachments, desk.slas, desk.urgencies, desk.documents]
        files.put_many(desk.files)  # before the rows naming them commit
    with transaction.atomic():
        for (model, columns), table_rows in zip(tables, [*by_table, events], strict=True):
            insert_rows(model, columns, table_rows, adapted=True)


def _finish_desk(progress, started: float) -> None:
    """The search documents of every other kind (contacts, accounts, whatever the apps
    register), and the id sequences on PostgreSQL (the tickets and messages came with their
    ids)."""
    from django.db import connection

    from sunrelay.desk.models import Message, Ticket
    from sunrelay.search import documents

    progress(f"Indexing contacts, accounts and the rest ({time.perf_counter() - started:.0f} s)")
    for kind, registered in documents.KINDS.items():
        ids = list(registered.model.objects.values_list("pk", flat=True))
        for first in range(0, len(ids), documents.BATCH):
            documents.refresh_documents(kind, ids[first : first + documents.BATCH])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Ticket, Message):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table}))"
                )


def _drop_indexes(tables: list[str]) -> list[str]:
    """Drop the secondary indexes of the tables loaded in bulk; returns the statements that
    create them again (the same definitions the migrations made). Building an index once
    over sorted rows is far cheaper than updating it row by row."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(tables))
            # Only placeholders go into the text; the table names are parameters.
            query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            cursor.execute(query + f"AND tbl_name IN ({marks})", tables)  # noqa: S608
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [tables],
            )
        found = cursor.fetchall()
        for name, _sql in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [sql for _name, sql in found]


def main(argv: list[str] | None = None) -> None:
    import django

    django.setup()
    parser = argparse.ArgumentParser(prog="python -m bench.bulkload")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--desk", action="store_true", help="messages, SLA rows, search too")
    args = parser.parse_args(argv)
    generate(
        args.tickets, args.weeks, args.seed, lambda m: print(m, file=sys.stderr), desk=args.desk
    )


if __name__ == "__main__":
    main()
