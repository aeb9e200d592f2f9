"""The report's customer satisfaction: the surveys of the week's solves (csat.models).

A survey belongs to the week its solve falls in. Of those surveys (asked), the ones with a
rating are `rated` (the response rate is rated / asked), and the share good is good / rated.
Groups (tier, agent, level, skill level) are the survey's own, kept at the solve, so a rating
never moves when the ticket changes later. The report's filters select surveys the same way:
the tier at the solve, the agent credited with it (the assignee, else who solved it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Q

from sunrelay.csat.models import Rating, Survey
from sunrelay.reports import labels, metrics, names, stats
from sunrelay.reports.figures import Csat, CsatGroup, CsatRating, CsatRow
from sunrelay.reports.periods import Week, weeks_ending
from sunrelay.reports.queries import Scope
from sunrelay.team.models import StaffProfile

CSAT_WEEKS = 8
RATINGS_LISTED = 200
FIELDS = (
    "id", "ticket_id", "agent_id", "tier", "level", "skill", "rating", "comment", "rated_at",
    "solved_at",
)  # fmt: skip


def _scope(scope: Scope) -> Q:
    condition = Q()
    if scope.tier:
        condition &= Q(tier="" if scope.tier == labels.NO_ACCOUNT else scope.tier)
    if scope.agent is not None:
        condition &= Q(agent_id=scope.agent)
    if scope.region:
        condition &= Q(
            agent_id__in=StaffProfile.objects.filter(time_zone=scope.region).values("user_id")
        )
    return condition


def surveys(start, end, scope: Scope) -> list[dict]:
    """The surveys of solves in [start, end), oldest first, as plain rows."""
    rows = Survey.objects.filter(_scope(scope), solved_at__gte=start, solved_at__lt=end)
    return list(rows.order_by("solved_at", "id").values(*FIELDS))


def row(key: str, label: str, rows: Iterable[dict]) -> CsatRow:
    rows = list(rows)
    rated = [r for r in rows if r["rating"]]
    good = sum(1 for r in rated if r["rating"] == Rating.GOOD)
    return CsatRow(
        key=key,
        label=label,
        good=good,
        rated=len(rated),
        asked=len(rows),
        share_good=stats.ratio(good, len(rated)),
        response_rate=stats.ratio(len(rated), len(rows)),
        tickets=sorted({r["ticket_id"] for r in rated}),
    )


def grouped(
    rows: list[dict], key: Callable[[dict], str], label: Callable[[str], str], order: list[str]
) -> list[CsatRow]:
    """One row per group present, in `order` first, then by label."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(key(r), []).append(r)

    def rank(k: str):
        return (order.index(k), "") if k in order else (len(order), label(k))

    return [row(k, label(k), groups[k]) for k in sorted(groups, key=rank)]


def _tier(r: dict) -> str:
    return r["tier"] or labels.NO_ACCOUNT


def _key(name: str) -> Callable[[dict], str]:
    return lambda r: r[name]


def compute(week: Week, scope: Scope) -> Csat:
    now = surveys(week.start, week.end, scope)
    previous_week = week.previous()
    before = surveys(previous_week.start, previous_week.end, scope)
    this, last = row("week", week.label, now), row("week", previous_week.label, before)
    agent_names = names.user_names(r["agent_id"] for r in now if r["agent_id"])

    def agent(r: dict) -> str:
        return str(r["agent_id"] or "")

    def agent_label(k: str) -> str:
        return agent_names.get(int(k), f"User {k}") if k else "Nobody"

    groups = [
        CsatGroup("tier", "Tier", grouped(now, _tier, labels.tier, list(labels.TIERS))),
        CsatGroup("agent", "Agent", grouped(now, agent, agent_label, [])),
        CsatGroup("level", "Level", grouped(now, _key("level"), labels.LEVELS.get, list(labels.LEVELS))),
        CsatGroup("skill", "Skill level", grouped(now, _key("skill"), labels.SKILLS.get, list(labels.SKILLS))),
    ]  # fmt: skip
    weeks = weeks_ending(week, CSAT_WEEKS)
    history = surveys(weeks[0].start, week.end, scope)
    trend = [
        row(w.label, w.label, (r for r in history if w.start <= r["solved_at"] < w.end))
        for w in weeks
    ]
    return Csat(
        good=metrics.count(this.good, last.good, this.rated, last.rated),
        rated=metrics.count(this.rated, last.rated, this.asked, last.asked),
        groups=groups,
        weeks=trend,
        ratings=_ratings(now, agent_label),
    )


def _ratings(rows: list[dict], agent_label) -> list[CsatRating]:
    rated = [r for r in rows if r["rating"]][:RATINGS_LISTED]
    refs = names.ticket_refs(r["ticket_id"] for r in rated)
    return [
        CsatRating(
            ticket=refs[r["ticket_id"]][0],
            rating=r["rating"],
            comment=r["comment"],
            agent=agent_label(str(r["agent_id"] or "")),
            rated_at=r["rated_at"],
        )
        for r in rated
        if r["ticket_id"] in refs
    ]
