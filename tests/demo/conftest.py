"""A small demo (300 tickets, 30 accounts, 100 contacts) at a fixed anchor.

The anchor's six months span both daylight-saving changes of 2024/2025 on each side of
the Atlantic, which the working-hours checks rely on.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sunrelay.demo.plan import Scale, build_plan
from sunrelay.desk.models import EventKind

SEED = "test-seed"
ANCHOR = datetime(2025, 3, 31, 12, tzinfo=UTC)
SMALL = Scale(tickets=300, accounts=30, contacts=100)
SMALL_ARGS = [
    "--seed", SEED, "--anchor", ANCHOR.isoformat(),
    "--tickets", "300", "--accounts", "30", "--contacts", "100",
]  # fmt: skip

# The event kinds a demo history uses (no subject edits, no mail delivery problems).
WRITTEN_KINDS = {
    EventKind.CREATED, EventKind.RECEIVED, EventKind.REPLIED, EventKind.NOTED,
    EventKind.STATUS, EventKind.PRIORITY, EventKind.LEVEL, EventKind.ASSIGNEE,
    EventKind.CAUSE, EventKind.BUG_LINK, EventKind.TAGS, EventKind.INTERESTING,
}  # fmt: skip


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher takes ~0.3 s per demo user; the tests only need a working hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def small_plan():
    return build_plan(SEED, ANCHOR, SMALL)


@pytest.fixture(scope="module")
def small_tickets(small_plan):
    return list(small_plan.tickets())
