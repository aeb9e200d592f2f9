"""Which tickets arrive, when, from whom and about what. The life of each one after it
arrives is told in demo/story.py."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.demo.companies import AccountSpec
from sunrelay.demo.contacts import ContactSpec
from sunrelay.demo.eventlog import TicketLog
from sunrelay.demo.people import STAFF, StaffMember
from sunrelay.demo.shifts import CUSTOMER_HOURS, Calendar
from sunrelay.demo.story import Story
from sunrelay.demo.topics import TOPICS, Topic
from sunrelay.desk.models import Cause, Channel, Level, Priority

HISTORY_DAYS = 182  # six months of tickets before the anchor
REF_FORMAT = "demo-{:06d}"

PRIORITY_MIX = {
    # (low, normal, high, urgent)
    Tier.FREE: (25, 70, 5, 0),
    Tier.BASIC: (15, 72, 12, 1),
    Tier.PRO: (12, 68, 18, 2),
    Tier.ENTERPRISE: (8, 66, 21, 5),
    Tier.PARTNER: (8, 67, 21, 4),
}
PRIORITIES = (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT)
CHANNEL_MIX = (
    (Channel.EMAIL, 72),
    (Channel.WEB, 14),
    (Channel.API, 5),
    (Channel.QA_SITE, 5),
    (Channel.MAILING_LIST, 4),
)
# Cause weights move with the writer's skill: beginners ask, advanced users find bugs.
SKILL_CAUSE_FACTOR = {
    SkillLevel.BEGINNER: {Cause.QUESTION: 1.5, Cause.PRODUCT_BUG: 0.6},
    SkillLevel.INTERMEDIATE: {},
    SkillLevel.ADVANCED: {Cause.QUESTION: 0.7, Cause.PRODUCT_BUG: 1.4},
}
L2_CHANCE = {SkillLevel.BEGINNER: 0.08, SkillLevel.INTERMEDIATE: 0.16, SkillLevel.ADVANCED: 0.28}


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


def _day_weights(anchor: datetime) -> list[float]:
    """Weekdays busy, weekends quiet, and a little growth over the half year."""
    weights = []
    for i in range(HISTORY_DAYS + 1):
        day = anchor - timedelta(days=HISTORY_DAYS - i)
        base = 1.0 if day.weekday() < 5 else 0.2
        weights.append(base * (0.8 + 0.4 * i / HISTORY_DAYS))
    return weights


def _local_hour(rng: random.Random) -> float:
    if rng.random() < 0.08:  # scripts, night owls, other continents' colleagues
        return rng.uniform(0, 24)
    return min(23.99, max(0.0, rng.gauss(12.5, 3.2)))


def arrivals(rng: random.Random, world: World, n: int) -> list[Arrival]:
    """`n` arrivals over the history window, oldest first, all before the anchor."""
    senders = [a for a in world.accounts if world.contacts_by_account.get(a.name)]
    if not senders or n <= 0:
        return []
    days = _day_weights(world.anchor)
    day_cum = list(_cumulate(days))
    account_cum = list(_cumulate(a.activity for a in senders))
    latest = world.anchor_ts - 600
    result: list[Arrival] = []
    while len(result) < n:
        account = rng.choices(senders, cum_weights=account_cum)[0]
        day_index = rng.choices(range(len(days)), cum_weights=day_cum)[0]
        day = (world.anchor - timedelta(days=HISTORY_DAYS - day_index)).date()
        hours = _local_hour(rng)
        local = datetime.combine(day, time(0), tzinfo=world.zones[account.time_zone])
        at = float(int(local.timestamp() + hours * 3600))
        if at > latest:
            continue
        people = world.contacts_by_account[account.name]
        # The first people of an account write most: the champion, the lead developer.
        weights = [1 / (k + 1) ** 0.7 for k in range(len(people))]
        result.append(Arrival(at, account, rng.choices(people, weights=weights)[0]))
    result.sort(key=lambda a: (a.at, a.contact.email))
    return result


def _cumulate(values) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


@dataclass
class Brief:
    """What the customer is writing about and how the ticket will be handled."""

    topic: Topic
    cause: str
    priority: str
    channel: str
    level: str  # the level it ends up at


def brief_for(rng: random.Random, arrival: Arrival) -> Brief:
    skill = arrival.contact.skill
    tier = arrival.account.tier
    topic = rng.choices(TOPICS, weights=[t.weight for t in TOPICS])[0]
    factors = SKILL_CAUSE_FACTOR[skill]
    causes = list(topic.causes)
    cause = rng.choices(causes, weights=[topic.causes[c] * factors.get(c, 1) for c in causes])[0]
    priority = rng.choices(PRIORITIES, weights=PRIORITY_MIX[tier])[0]
    channel = rng.choices([c for c, _ in CHANNEL_MIX], weights=[w for _, w in CHANNEL_MIX])[0]
    level = Level.L1
    if cause == Cause.PRODUCT_BUG and rng.random() < 0.22:
        level = Level.ENGINEERING
    elif rng.random() < L2_CHANCE[skill] + (0.12 if cause == Cause.PRODUCT_BUG else 0):
        level = Level.L2
    return Brief(topic, cause, priority, channel, level)


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


def generate(seed: str, world: World, n: int) -> Iterator[TicketLog]:
    """The tickets in order of arrival, each with its whole history up to the anchor."""
    rng = random.Random(f"{seed}:arrivals")
    story_rng = random.Random(f"{seed}:stories")
    bugs = BugTracker(random.Random(f"{seed}:bugs"))
    for index, arrival in enumerate(arrivals(rng, world, n), start=1):
        log = TicketLog(ref=REF_FORMAT.format(index), account=arrival.account.name)
        Story(story_rng, world, bugs, arrival, brief_for(story_rng, arrival), log).run()
        yield log
