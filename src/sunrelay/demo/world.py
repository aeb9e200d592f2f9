"""The world a demo ticket's story runs in, shared by demo/tickets.py (which makes the
arrivals and briefs), demo/timing.py (the story's clock) and demo/story.py (its plot): the
people and their calendars, one arrival, its brief, and engineering's bug numbers."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sunrelay.demo.companies import AccountSpec
from sunrelay.demo.contacts import ContactSpec
from sunrelay.demo.people import STAFF, StaffMember
from sunrelay.demo.shifts import CUSTOMER_HOURS, Calendar
from sunrelay.demo.topics import Topic

HISTORY_DAYS = 182  # six months of tickets before the anchor


@dataclass(frozen=True)
class Arrival:
    """A ticket before its story: when it came, from which account and person."""

    at: float
    account: AccountSpec
    contact: ContactSpec


@dataclass
class World:
    """Everything a ticket's story needs to know about the people around it."""

    anchor: datetime
    accounts: list[AccountSpec]
    contacts: list[ContactSpec]
    staff: tuple[StaffMember, ...] = STAFF
    calendars: dict[str, Calendar] = field(default_factory=dict)  # by username
    office_hours: dict[str, Calendar] = field(default_factory=dict)  # customers', by zone
    contacts_by_account: dict[str, list[ContactSpec]] = field(default_factory=dict)
    zones: dict[str, ZoneInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Stories run from the first arrival until the anchor; look a little past it so
        # "the next working moment" is known (and found to be too late).
        first = self.anchor - timedelta(days=HISTORY_DAYS + 2)
        last = self.anchor + timedelta(days=60)
        for member in self.staff:
            self.calendars[member.username] = Calendar(member.time_zone, member.hours, first, last)
        for contact in self.contacts:
            self.contacts_by_account.setdefault(contact.account, []).append(contact)
        for zone in sorted({a.time_zone for a in self.accounts}):
            self.zones[zone] = ZoneInfo(zone)
            self.office_hours[zone] = Calendar(zone, CUSTOMER_HOURS, first, last)

    @property
    def anchor_ts(self) -> float:
        return self.anchor.timestamp()


@dataclass
class Brief:
    """What the customer is writing about and how the ticket will be handled."""

    topic: Topic
    cause: str
    priority: str
    channel: str
    level: str  # the level it ends up at


class BugTracker:
    """Engineering's bug numbers; several tickets may hit the same open bug."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next_number = 1200
        self.open: dict[str, list[tuple[int, float, float]]] = {}

    def report(self, topic: str, at: float) -> tuple[int, float]:
        """(bug number, time its fix ships) for a bug found in `topic` at `at`."""
        recent = [
            b for b in self.open.get(topic, []) if b[1] <= at < b[2] and at - b[1] < 21 * 86400
        ]
        if recent and self.rng.random() < 0.35:
            number, _, fixed = self.rng.choice(recent)
            return number, fixed
        number = self.next_number
        self.next_number += self.rng.randint(1, 7)
        fixed = at + self.rng.lognormvariate(math.log(9 * 86400), 0.8)
        self.open.setdefault(topic, []).append((number, at, fixed))
        return number, fixed
