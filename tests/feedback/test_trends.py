"""Trends in tickets by words: the words of subjects on more new tickets in the last 7 days
than in the 7 before, each word once per ticket, common words left out."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.feedback import trends
from tests.factories import make_ticket


def opened(contact, subject, days_ago):
    ticket = make_ticket(contact, subject=subject)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago, hours=1)
    )


def test_words_that_grew_week_over_week(people, contacts):
    ana, olaf = contacts["ana"], contacts["olaf"]
    opened(ana, "Tiles missing at zoom 14", 1)
    opened(olaf, "Tiles missing, tiles everywhere", 2)  # "tiles" once for this ticket
    opened(ana, "The tiles are slow", 3)
    opened(olaf, "Export of tiles failed", 9)
    opened(ana, "Geocoder returns nothing", 2)  # one ticket is not a trend
    opened(ana, "Invoice is wrong", 2)
    opened(olaf, "Invoice again", 3)
    opened(olaf, "Invoice: VAT", 8)
    opened(ana, "Invoice: VAT twice", 10)  # invoice: 2 against 2, no growth
    opened(ana, "Missing legend", 20)  # older than the two weeks
    found = {
        t.name: (t.this_week, t.week_before)
        for t in trends.growing_words(people["alba"], timezone.now())
    }
    assert found == {"tiles": (3, 1), "missing": (2, 0)}


def test_subject_words_leave_out_stop_words_numbers_and_short_words():
    assert trends.subject_words("Can't we export GeoJSON at zoom-14? It is the API") == {
        "export", "geojson", "zoom", "api",
    }  # fmt: skip


def test_sales_see_the_words_of_their_accounts_only(people, contacts, django_assert_num_queries):
    for days in (1, 2):
        opened(contacts["olaf"], "Routing timeouts", days)
    now = timezone.now()
    assert [t.name for t in trends.growing_words(people["alba"], now)] == ["routing", "timeouts"]
    with django_assert_num_queries(2):  # the viewer's roles, then the subjects
        assert trends.growing_words(people["sam"], now) == []
