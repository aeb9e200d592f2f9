"""Pages cost the same however long the history: a fixed number of queries, and the few
unsolved tickets read through their own index, not by scanning every ticket ever."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sunrelay.desk.models import Level, Ticket
from sunrelay.desk.queues import QUEUES, queue_counts, queue_tickets
from tests.generated import forget, generated_desk, more_history

pytestmark = pytest.mark.django_db

PAGES = [
    "/desk/queues/open/",
    "/desk/queues/level-l2/",
    "/desk/queues/open/?status=any&sort=-updated&page=2",
    "/desk/queues/tier-enterprise/?status=any&sort=-updated",
]


@pytest.fixture
def desk():
    generated_desk(80, weeks=2)
    yield
    forget()


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_HOST="localhost").status_code == 200
    return len(captured)


def test_it_answers_in_as_many_queries_with_five_times_the_history(desk):
    client = Client()
    client.force_login(User.objects.get(username="keisha"))
    first = Ticket.objects.select_related("account").order_by("pk").first()
    word = max(first.subject.split(), key=len)  # found at both sizes: ticket 1 stays
    pages = [
        *PAGES,
        f"/desk/tickets/{Ticket.objects.order_by('-pk').first().pk}/",
        f"/desk/search/?q={word}",
        f"/desk/search/?q=tier:{first.account.tier} status:any {word}",
        f"/desk/search/suggest/?q={word}",
    ]
    # Django asks SQLite once per connection whether it has JSON (three queries): not a page's.
    assert connection.features.supports_json_field
    before = {url: queries(client, url) for url in pages}
    more_history(80, 320)
    assert {url: queries(client, url) for url in pages} == before


def _plans(action) -> list[str]:
    """EXPLAIN QUERY PLAN of each statement `action` runs, with its parameters bound as
    Django binds them (a plan for literal values can differ)."""
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        action()
    plans = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plans.append(" | ".join(row[-1] for row in cursor.fetchall()))
    return plans


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner and its statistics")
def test_the_queues_never_scan_every_ticket_for_the_unsolved_ones():
    generated_desk(1000, weeks=52)  # mostly solved and closed: the unsolved are a few of many
    forget()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    keisha = User.objects.get(username="keisha")
    level = QUEUES[f"level-{Level.L2}"]
    plans = [
        *_plans(lambda: queue_counts(keisha)),
        *_plans(lambda: list(queue_tickets(keisha, level, {}).pks[:50])),
    ]
    # Before ticket_status_work the statistics (most tickets closed, five statuses) made
    # "status IN (unsolved)" look like most of the table: a scan of every ticket.
    assert all("SCAN desk_ticket" not in plan for plan in plans), plans


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner and its statistics")
def test_a_tier_across_every_status_pages_without_sorting_all_its_tickets():
    generated_desk(1000, weeks=52)
    forget()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    keisha = User.objects.get(username="keisha")
    listing = queue_tickets(
        keisha, QUEUES["tier-enterprise"], {"status": "any", "sort": "-updated"}
    )
    (page,) = _plans(lambda: list(listing[100:150]))
    # Joined, SQLite took the tier's accounts first and sorted every one of their tickets.
    assert "TEMP B-TREE" not in page and "ticket_updated" in page, page
    (count,) = _plans(listing.count)
    assert "SCAN desk_ticket" not in count, count


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner and its statistics")
@pytest.mark.parametrize("filters", [{"channel": "web"}, {"bug": "yes"}, {"bug": "no"}])
def test_the_more_filters_read_the_unsolved_through_their_index(filters):
    generated_desk(1000, weeks=52)
    forget()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    keisha = User.objects.get(username="keisha")
    listing = queue_tickets(keisha, QUEUES["open"], filters)
    plans = [*_plans(lambda: list(listing[:50])), *_plans(listing.count)]
    # A column the covering index lacked made SQLite scan every ticket ever for a few.
    assert all("SCAN desk_ticket" not in plan for plan in plans), plans
