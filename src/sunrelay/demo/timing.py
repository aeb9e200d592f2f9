"""The mechanics under every demo story: its clock, who is at work when, how long
people take. demo/story.py tells the plot on top of it."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime

from sunrelay.accounts.models import Tier
from sunrelay.demo import texts
from sunrelay.demo.eventlog import TicketLog
from sunrelay.demo.people import by_username, with_role
from sunrelay.demo.world import Arrival, Brief, BugTracker, World
from sunrelay.desk.models import Channel, Priority
from sunrelay.team.models import Role

HOUR = 3600
DAY = 86400
FIRST_RESPONSE_MINUTES = {
    Tier.ENTERPRISE: 40,
    Tier.PARTNER: 50,
    Tier.PRO: 90,
    Tier.BASIC: 150,
    Tier.FREE: 280,
}
PRIORITY_SPEED = {
    Priority.URGENT: 0.12,
    Priority.HIGH: 0.5,
    Priority.NORMAL: 1.0,
    Priority.LOW: 1.5,
}
WAITS_DAYS_CHANCE = {Tier.FREE: 0.06, Tier.BASIC: 0.03}
CLOSE_AFTER = 4 * DAY

SUPPORT = tuple(m.username for m in with_role(Role.SUPPORT))
SOLUTIONS = tuple(m.username for m in with_role(Role.SOLUTIONS))
ENGINEERS = tuple(m.username for m in with_role(Role.ENGINEERING))
LEADS = tuple(m.username for m in with_role(Role.LEAD))


class StopStory(Exception):
    """The next step would happen after the anchor: the story ends here for now."""


class StoryClock:
    """A story's state and its clock, which only moves forward and stops at the anchor."""

    def __init__(
        self,
        rng: random.Random,
        world: World,
        bugs: BugTracker,
        arrival: Arrival,
        brief: Brief,
        log: TicketLog,
    ) -> None:
        self.rng, self.world, self.bugs = rng, world, bugs
        self.arrival, self.brief, self.log = arrival, brief, log
        self.account, self.contact = arrival.account, arrival.contact
        self.values = texts.fill_values(rng, brief.topic)
        self.now = arrival.at

    # -- clock -------------------------------------------------------------------------

    def _at(self, t: float) -> datetime:
        """Advance the story clock to `t` (never backwards); stop at the anchor."""
        if t > self.world.anchor_ts:
            raise StopStory
        t = max(self.now, float(int(t)))
        self.now = t
        return datetime.fromtimestamp(t, UTC)

    def _working(self, who: str, after: float, mean_minutes: float) -> float:
        """When `who` acts: `mean_minutes` of their working time (exponential) after `after`."""
        minutes = 3 + self.rng.expovariate(1 / max(mean_minutes, 1))
        return self.world.calendars[who].add_working(after, minutes * 60)

    def _customer_time(self, after: float, median_hours: float = 3) -> float:
        delay = self.rng.lognormvariate(math.log(median_hours * HOUR), 1.1)
        t = after + delay
        moment = self.world.office_hours[self.account.time_zone].next_working(t)
        if moment != t:  # out of hours: some time in the first hours of the next morning
            moment += self.rng.uniform(0, 2 * HOUR)
        return moment

    def _on_shift(self, t: float, pool=SUPPORT, exclude: str | None = None) -> str:
        """Follow-the-sun: whoever in `pool` is at work soonest after `t` (the lead only
        takes the queue when nobody else is close)."""
        best, best_at = pool[0], math.inf
        for name in pool:
            if name == exclude:
                continue
            at = self.world.calendars[name].next_working(t) + self.rng.uniform(0, 1800)
            if name in LEADS:
                at += 2 * HOUR
            if at < best_at:
                best, best_at = name, at
        return best

    # -- shortcuts ---------------------------------------------------------------------

    def _agent_name(self, username: str) -> str:
        return by_username(username).first_name

    def _mean_response(self) -> float:
        minutes = FIRST_RESPONSE_MINUTES[self.account.tier] * PRIORITY_SPEED[self.brief.priority]
        if self.brief.channel in (Channel.QA_SITE, Channel.MAILING_LIST):
            minutes *= 1.5
        return minutes

    def _reply_kwargs(self, agent: str) -> dict:
        return {"first_name": self.contact.first_name, "agent": self._agent_name(agent)}
