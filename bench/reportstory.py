"""The story of one generated ticket for the weekly report benchmark (bench/reportgen.py):
its event log as desk.services writes it, and the steps its report clocks come from.

Times are POSIX seconds. A story stops at the end of the history, leaving recent tickets
new, open or pending.
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime

MIN = 60
HOUR = 3600
DAY = 86400

TIERS = [("free", 40), ("basic", 25), ("pro", 20), ("enterprise", 10), ("partner", 5)]
CHANNELS = [("email", 72), ("web", 14), ("api", 5), ("qa_site", 5), ("mailing_list", 4)]
PRIORITIES = [("low", 15), ("normal", 65), ("high", 18), ("urgent", 2)]
LEVELS = [("l1", 80), ("l2", 15), ("engineering", 5)]
CAUSES = [("user_data_or_code", 40), ("question", 30), ("product_bug", 20), ("feature_request", 10)]
SKILLS = [("beginner", 25), ("intermediate", 50), ("advanced", 25)]
TAGS = [f"topic-{i:02d}" for i in range(25)]


def _weighted(pairs):
    keys = [k for k, _ in pairs]
    weights = [w for _, w in pairs]
    return lambda rng: rng.choices(keys, weights)[0]


pick_tier, pick_channel = _weighted(TIERS), _weighted(CHANNELS)
pick_priority, pick_level = _weighted(PRIORITIES), _weighted(LEVELS)
pick_cause, pick_skill = _weighted(CAUSES), _weighted(SKILLS)


def lognormal(rng: random.Random, median_seconds: float, sigma: float, cap: float) -> int:
    return int(min(rng.lognormvariate(math.log(median_seconds), sigma), cap))


def arrival(rng: random.Random, start: float, span: float) -> int:
    """A moment in [start, start + span), weekdays and 07-22 UTC more likely."""
    while True:
        t = start + rng.random() * span
        moment = datetime.fromtimestamp(t, UTC)
        weight = (1.0 if moment.weekday() < 5 else 0.25) * (1.0 if 7 <= moment.hour < 22 else 0.3)
        if rng.random() < weight:
            return int(t)


class Story:
    """One ticket's history: its row, its events (as the services write them) and the steps
    the report clocks are computed from."""

    def __init__(self, tid: int, created: int, end: int):
        self.tid, self.end = tid, end
        self.status = "new"
        self.events: list[tuple] = []
        self.steps: list[tuple] = []  # (t, kind, status, actor)
        self.t = created
        self.solved_at: int | None = None

    def event(self, kind, t, actor=None, contact=None, old=None, new=None):
        self.events.append(
            (
                self.tid,
                kind,
                t,
                actor,
                contact,
                None if old is None else json.dumps(old),
                None if new is None else json.dumps(new),
            )
        )

    def move(self, status, actor=None, contact=None):
        self.event("status", self.t, actor, contact, self.status, status)
        self.steps.append((self.t, "status", status, actor))
        self.status = status
        self.solved_at = (
            self.t if status == "solved" else (self.solved_at if status == "closed" else None)
        )

    def wait(self, seconds: int) -> bool:
        """Advance the clock; False when the story runs past the end of the history."""
        self.t += max(seconds, 1)
        return self.t < self.end


def tell(rng: random.Random, tid: int, created: int, end: int, contact, team, ticket: dict):
    s = Story(tid, created, end)
    agent = ticket["assignee"]
    s.event("created", created, contact=contact, new={
        "subject": ticket["subject"], "channel": ticket["channel"], "status": "new",
        "priority": ticket["priority"], "level": ticket["level"], "assignee": None,
        "tags": ticket["tags"],
    })  # fmt: skip
    s.steps.append((created, "created", "new", None))
    urgent = ticket["priority"] in ("urgent", "high")
    if s.wait(lognormal(rng, 20 * MIN, 1.0, DAY)):
        s.event("assignee", s.t, old=None, new=agent)
        s.move("open")
        if rng.random() < 0.01:
            other = rng.choice([a for a in team.agents if team.zone[a] != team.zone[agent]])
            s.event("handed_off", s.t, old={"user": agent, "region": team.zone[agent]},
                    new={"user": other, "region": team.zone[other]})  # fmt: skip
            s.event("assignee", s.t, old=agent, new=other)
            agent = ticket["assignee"] = other
        rounds = 1 + (rng.random() < 0.4) + (rng.random() < 0.15)
        first = lognormal(rng, (40 if urgent else 150) * MIN, 1.1, 5 * DAY)
        for i in range(rounds):
            if not s.wait(first if i == 0 else lognormal(rng, 3 * HOUR, 1.0, 3 * DAY)):
                break
            last = i == rounds - 1
            s.event("replied", s.t, actor=agent)
            s.steps.append((s.t, "reply", "", agent))
            if not last:
                s.move("pending", agent)
                if not s.wait(lognormal(rng, 20 * HOUR, 0.8, 6 * DAY)):
                    break
                s.event("received", s.t, contact=contact)
                s.steps.append((s.t, "customer", "", None))
                s.move("open", contact=contact)
        else:
            solve(rng, s, agent, team, ticket, contact)
    ticket.update(status=s.status, updated_at=s.t if s.t < end else s.events[-1][2],
                  solved_at=s.solved_at)  # fmt: skip
    return s


def solve(rng, s: Story, agent, team, ticket: dict, contact) -> None:
    if not s.wait(lognormal(rng, 8 * HOUR, 1.2, 10 * DAY)):
        return
    cause = ticket["cause"] = pick_cause(rng)
    s.event("cause", s.t, actor=agent, old="", new=cause)
    if cause == "product_bug" and rng.random() < 0.9:
        ticket["bug_url"] = f"https://tracker.example.test/issues/{s.tid}"
        s.event("bug_link", s.t, actor=agent, old="", new=ticket["bug_url"])
    s.move("solved", agent)
    if rng.random() < 0.02:
        ticket["interesting"] = True
        s.event("interesting", s.t, actor=team.lead, old=False, new=True)
    if rng.random() < 0.12:  # the customer writes again: reopened
        if not s.wait(lognormal(rng, 2 * DAY, 0.7, 9 * DAY)):
            return
        s.event("received", s.t, contact=contact)
        s.steps.append((s.t, "customer", "", None))
        s.move("open", contact=contact)
        if not s.wait(lognormal(rng, 2 * HOUR, 1.0, 2 * DAY)):
            return
        s.event("replied", s.t, actor=agent)
        s.steps.append((s.t, "reply", "", agent))
        if not s.wait(lognormal(rng, 5 * HOUR, 1.0, 4 * DAY)):
            return
        s.move("solved", agent)
    if s.wait(4 * DAY):
        s.move("closed")
