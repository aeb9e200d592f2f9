"""The whole demo as plain data, before any of it touches the database.

Same seed, anchor and scale give the same plan, row for row: every random choice comes
from a random.Random seeded with the seed and the name of the part it draws for.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sunrelay.demo import topics
from sunrelay.demo.companies import AccountSpec, plan_accounts
from sunrelay.demo.contacts import ContactSpec, plan_contacts
from sunrelay.demo.eventlog import TicketLog
from sunrelay.demo.people import STAFF, StaffMember
from sunrelay.demo.tickets import REF_FORMAT, generate
from sunrelay.demo.world import World

DEFAULT_SEED = "sunrelay"
EXTRA_TAGS = ("regression",)


@dataclass(frozen=True)
class Scale:
    tickets: int = 20_000
    accounts: int = 300
    contacts: int = 1_500


def default_anchor(now: datetime | None = None) -> datetime:
    """The demo's "now": the current time truncated to the hour, in UTC."""
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass
class DemoPlan:
    seed: str
    anchor: datetime
    scale: Scale
    staff: tuple[StaffMember, ...]
    accounts: list[AccountSpec]
    contacts: list[ContactSpec]
    _world: World | None = field(default=None, repr=False)

    @property
    def world(self) -> World:
        if self._world is None:
            self._world = World(self.anchor, self.accounts, self.contacts)
        return self._world

    @property
    def ticket_refs(self) -> list[str]:
        return [REF_FORMAT.format(i) for i in range(1, self.scale.tickets + 1)]

    @property
    def tags(self) -> list[str]:
        return sorted({t for topic in topics.TOPICS for t in topic.tags} | set(EXTRA_TAGS))

    def tickets(self) -> Iterator[TicketLog]:
        """Generated on demand, oldest first: 20,000 histories need not sit in memory."""
        return generate(self.seed, self.world, self.scale.tickets)


def build_plan(
    seed: str = DEFAULT_SEED, anchor: datetime | None = None, scale: Scale | None = None
) -> DemoPlan:
    scale = scale or Scale()
    anchor = default_anchor() if anchor is None else anchor.astimezone(UTC)
    accounts = plan_accounts(random.Random(f"{seed}:accounts"), scale.accounts, anchor)
    contacts = plan_contacts(random.Random(f"{seed}:contacts"), accounts, scale.contacts, anchor)
    return DemoPlan(str(seed), anchor, scale, STAFF, accounts, contacts)
