"""What keeps search fast with a long history: only the most recent matches are ranked, and
filters with many tickets are checked match by match instead of listed (SQLite)."""

from __future__ import annotations

import pytest
from django.db import connection

from sunrelay.search import backends
from sunrelay.search.service import search
from tests.factories import make_ticket

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's FTS5 strategy (PostgreSQL ranks with GIN)"
)


def ids(results):
    return [found.item.pk for found in results.tickets]


def test_the_best_of_the_most_recent_matches_come_first(agent, contact, monkeypatch):
    oldest = make_ticket(contact, subject="Tiles tiles tiles", body="tiles everywhere, tiles")
    middle = make_ticket(contact, subject="Export", body="and the tiles once")
    newest = make_ticket(contact, subject="Tiles blank", body="since the upgrade")
    assert ids(search(agent, "tiles"))[0] == oldest.pk  # every match ranked: the best first
    monkeypatch.setattr(backends, "RANKED", 2)
    assert ids(search(agent, "tiles")) == [newest.pk, middle.pk]  # the two most recent


def test_many_candidates_are_checked_match_by_match_with_the_same_result(
    agent, lead, contact, monkeypatch
):
    mine = [make_ticket(contact, subject=f"Geocoder slow {i}", assignee=agent) for i in range(3)]
    make_ticket(contact, subject="Geocoder slow too", assignee=lead)
    listed = search(agent, "geocoder assignee:me")
    monkeypatch.setattr(backends, "FEW_CANDIDATES", 1)
    checked = search(agent, "geocoder assignee:me")
    assert set(ids(checked)) == set(ids(listed)) == {t.pk for t in mine}
    assert [f.snippet for f in checked.tickets] == [f.snippet for f in listed.tickets]
