"""Which tickets arrive, when, from whom and about what. The life of each one after it
arrives is told in demo/story.py; the types they share live in demo/world.py."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.demo.eventlog import TicketLog
from sunrelay.demo.story import Story
from sunrelay.demo.topics import TOPICS
from sunrelay.demo.world import HISTORY_DAYS, Arrival, Brief, BugTracker, World
from sunrelay.desk.models import Cause, Channel, Level, Priority

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


def generate(seed: str, world: World, n: int) -> Iterator[TicketLog]:
    """The tickets in order of arrival, each with its whole history up to the anchor."""
    rng = random.Random(f"{seed}:arrivals")
    story_rng = random.Random(f"{seed}:stories")
    bugs = BugTracker(random.Random(f"{seed}:bugs"))
    for index, arrival in enumerate(arrivals(rng, world, n), start=1):
        log = TicketLog(ref=REF_FORMAT.format(index), account=arrival.account.name)
        brief = brief_for(story_rng, arrival)
        log.topic = brief.topic.key
        Story(story_rng, world, bugs, arrival, brief, log).run()
        yield log
