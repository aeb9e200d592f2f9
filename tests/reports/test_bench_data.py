"""The benchmark's generated history is what the worker would compute: its clocks and facts
equal a refresh from its own event log."""

from __future__ import annotations

import random

import pytest
from bench import reportgen
from django.db import connection

from sunrelay.desk.models import Tag, Ticket, TicketEvent
from sunrelay.lib.fastinsert import insert_rows
from sunrelay.reports import refresh
from sunrelay.reports.models import Clock, TicketFact
from sunrelay.reports.refresh import CLOCK_COLUMNS
from sunrelay.sla import config as sla_config
from tests.generated import forget, generated_desk

pytestmark = pytest.mark.django_db


def snapshot():
    clocks = sorted(Clock.objects.values_list(*CLOCK_COLUMNS))
    fields = [f for f in reportgen.FACT_COLUMNS if f != "computed_at"]
    facts = sorted(TicketFact.objects.values_list(*fields))
    return clocks, facts


def test_generated_clocks_equal_the_ones_computed_from_the_log():
    rng = random.Random(3)
    team = reportgen.Team()
    reportgen.sla_setup()
    people = reportgen.customers(rng, 20, 60)
    tag_ids = {name: Tag.objects.create(name=name).pk for name in reportgen.TAGS}
    end = int(reportgen.ANCHOR.timestamp())
    reportgen._WORLD.update(
        team=team, people=people, tag_ids=tag_ids, config=sla_config.current(),
        vendor=connection.vendor, start=end - 3 * 7 * 86400, end=end, seed=11,
    )  # fmt: skip
    tickets, events, tag_rows, facts, clocks, _desk = reportgen._batch((0, 120))
    insert_rows(Ticket, reportgen.TICKET_COLUMNS, tickets, adapted=True)
    insert_rows(TicketEvent, reportgen.EVENT_COLUMNS, events, adapted=True)
    insert_rows(Ticket.tags.through, ("ticket_id", "tag_id"), tag_rows, adapted=True)
    insert_rows(TicketFact, reportgen.FACT_COLUMNS, facts, adapted=True)
    insert_rows(Clock, CLOCK_COLUMNS, clocks, adapted=True)
    generated = snapshot()
    assert len(generated[0]) > 400 and len(generated[1]) == 120
    refresh.refresh_all()
    assert snapshot() == generated


def test_generated_desk_rows_equal_what_the_desk_stores():
    generated_desk(150, weeks=1)  # a week of history: many tickets still open
    forget()
    from sunrelay.desk.models import UNSOLVED_STATUSES, Message
    from sunrelay.search import documents
    from sunrelay.search.models import TicketDocument
    from sunrelay.sla import services as sla_services
    from sunrelay.sla.models import TicketSla, TicketUrgency

    ids = list(Ticket.objects.values_list("pk", flat=True))
    assert 4 <= Message.objects.count() / len(ids) <= 6  # about five messages a ticket
    stored = sorted(
        TicketDocument.objects.values_list("ticket_id", "subject", "public", "internal")
    )
    built = sorted(
        (d.ticket_id, d.subject, d.public, d.internal) for d in documents.ticket_documents(ids)
    )
    assert stored == built

    def sla_snapshot():
        fields = [f.name for f in TicketSla._meta.fields if f.name != "id"]
        return (
            sorted(TicketSla.objects.values_list(*fields)),
            sorted(TicketUrgency.objects.values_list()),
            TicketEvent.objects.filter(kind__startswith="sla_").count(),
        )

    generated = sla_snapshot()
    unsolved = Ticket.objects.filter(status__in=UNSOLVED_STATUSES).values_list("pk", flat=True)
    assert len(unsolved) > 20 and len(generated[0]) > 40 and generated[2] > 0
    for pk in unsolved:
        sla_services.recompute(Ticket(pk=pk), now=reportgen.ANCHOR)
    assert sla_snapshot() == generated  # same rows, and no warning or breach logged again
