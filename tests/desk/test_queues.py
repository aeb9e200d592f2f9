"""desk.queues' sort registry: the desk's own orders, and the ones apps add when ready."""

from __future__ import annotations

import pytest

from sunrelay.desk import queues


def test_sla_makes_most_urgent_first_the_order_of_unsolved_tickets():
    assert queues.SORTS["urgency"].label == "Most urgent first"
    assert queues.default_sort({}) == "urgency"
    assert queues.default_sort({"status": "open"}) == "urgency"
    assert queues.default_sort({"status": "solved"}) == queues.DONE_SORT
    assert queues.default_sort({"status": "any"}) == queues.DONE_SORT


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry, so a test's orders do not outlive it."""
    monkeypatch.setattr(queues, "SORTS", dict(queues.SORTS))
    monkeypatch.setattr(queues, "_unsolved_default", list(queues._unsolved_default))


def test_a_registered_order_sorts_both_ways_and_may_become_the_default(registry):
    queues.register_sort("oldest", "Oldest first", ["created_at"])
    assert queues.order_by("oldest") == ["created_at", "updated_at", "id"]
    assert queues.order_by("-oldest") == ["-created_at", "updated_at", "id"]
    assert queues.default_sort({}) == "urgency"
    queues.register_sort("oldest", "Oldest first", ["created_at"], default=True)
    assert queues.default_sort({}) == "oldest"
    assert queues.default_sort({"status": "closed"}) == queues.DONE_SORT


def test_without_a_registered_default_unsolved_tickets_are_listed_by_last_change(registry):
    queues._unsolved_default.clear()
    assert queues.default_sort({}) == queues.DONE_SORT
