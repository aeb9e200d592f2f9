"""What a person reads about an account's health (the pages and the API): the latest score
with each measure's value, points and weight, the trend and what moved since the score
before, the history, the open tasks; and the at-risk list (red and yellow accounts by MRR)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from sunrelay.health import access, explain, scoring
from sunrelay.health.models import AlertStatus, Band, HealthAlert, HealthScore

HISTORY = 30


@dataclass
class Line:
    """One measure as a person reads it."""

    part: scoring.Part
    reading: str


@dataclass
class Health:
    latest: HealthScore | None
    previous: HealthScore | None = None
    trend: str = "flat"
    lines: list[Line] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    history: list[HealthScore] = field(default_factory=list)
    alerts: list[HealthAlert] = field(default_factory=list)

    @property
    def arrow(self) -> str:
        return scoring.ARROWS[self.trend]


def of_account(user, account) -> Health:
    """`account`'s health as `user` may read it (the caller has checked the account)."""
    history = list(access.visible_scores(user).filter(account=account)[:HISTORY])
    alerts = list(
        access.visible_alerts(user)
        .filter(account=account, status=AlertStatus.OPEN)
        .select_related("assignee", "rule")
    )
    if not history:
        return Health(None, alerts=alerts)
    latest = history[0]
    previous = history[1] if len(history) > 1 else None
    parts = [scoring.Part.from_json(p) for p in latest.parts]
    health = Health(
        latest,
        previous,
        scoring.trend(previous.shown if previous else None, latest.shown),
        [Line(p, explain.reading(p)) for p in parts],
        history=history,
        alerts=alerts,
    )
    if previous is not None:
        before = [scoring.Part.from_json(p) for p in previous.parts]
        health.moved = explain.moved(before, parts, previous.day, latest.day)
    return health


@dataclass
class AtRisk:
    day: object
    rows: list[HealthScore]
    mrr: Decimal
    accounts: int


def at_risk(user, limit: int = 200) -> AtRisk:
    """Red and yellow accounts of the latest scored day, most MRR first, each with its open
    tasks counted (`open_alerts`); `mrr` sums the MRR of all of them."""
    scores = access.visible_scores(user)
    day = scores.aggregate(day=Max("day"))["day"]
    risky = scores.filter(day=day, band__in=[Band.RED, Band.YELLOW])
    totals = risky.aggregate(n=Count("id"), mrr=Sum("mrr"))
    open_tasks = Count("account__health_alerts", filter=Q(account__health_alerts__status="open"))
    rows = list(
        risky.select_related("account", "account__ce")
        .annotate(open_alerts=open_tasks)
        .order_by("-mrr", "shown")[:limit]
    )
    return AtRisk(day, rows, totals["mrr"] or Decimal(0), totals["n"])


def open_tasks(user, limit: int = 100) -> list[HealthAlert]:
    return list(
        access.visible_alerts(user)
        .filter(status=AlertStatus.OPEN)
        .select_related("account", "assignee", "score")[:limit]
    )
