"""A generated desk in the test database (bench.reportgen stories with bench.deskrows'
messages, SLA rows and search documents), for tests that need history, not hand-made rows."""

from __future__ import annotations

import random

from django.db import connection

from sunrelay.desk.models import Tag
from sunrelay.sla import config as sla_config

DAY = 86400


def generated_desk(tickets: int, weeks: float, seed: int = 13) -> tuple:
    """The demo's team and SLA policies, customers, and `tickets` tickets over `weeks` weeks
    before reportgen.ANCHOR; returns the batch's rows (reportgen._batch)."""
    from bench import bulkload, reportgen

    team = reportgen.Team()
    reportgen.sla_setup()
    people = reportgen.customers(random.Random(5), 10, 40)
    tag_ids = {name: Tag.objects.create(name=name).pk for name in reportgen.TAGS}
    end = int(reportgen.ANCHOR.timestamp())
    reportgen._WORLD.update(
        team=team, people=people, tag_ids=tag_ids, config=sla_config.current(),
        vendor=connection.vendor, start=end - int(weeks * 7 * DAY), end=end, seed=seed,
        persons=bulkload._persons(),
    )  # fmt: skip
    return more_history(0, tickets)


def more_history(first: int, count: int) -> tuple:
    """Tickets first+1 … first+count of the desk generated_desk() set up."""
    from bench import bulkload, reportgen

    rows = reportgen._batch((first, count))
    bulkload._write(bulkload._tables(desk=True), rows)
    return rows


def forget() -> None:
    from bench import reportgen

    reportgen._WORLD.clear()
