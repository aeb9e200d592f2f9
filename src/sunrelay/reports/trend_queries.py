"""The trend's figures for one week, each a plain count over an index range: cheaper than
one pass over all the weeks that sorts each row into its week with a CASE."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from sunrelay.reports.labels import NO_ACCOUNT
from sunrelay.reports.models import TicketFact
from sunrelay.reports.queries import Scope, raw, stopped, stretches


@dataclass(frozen=True)
class WeekCounts:
    by_tier: dict[str, int]  # tickets received per tier
    answered: int  # of them, replied to in public before the week ended
    solved: int  # tickets solved, each once
    stopped: int  # unsolved stretches stopped (solves)
    started: int  # unsolved stretches started (received or reopened)
    first_replies: list[float]  # business minutes of the first replies sent


def week_counts(week, scope: Scope) -> WeekCounts:
    start, end = week.start, week.end
    received = raw(
        TicketFact.objects.filter(created_at__gte=start, created_at__lt=end)
        .filter(scope.q())
        .values_list("tier")
        .annotate(
            n=Count("ticket_id"), answered=Count("ticket_id", filter=Q(first_reply_at__lt=end))
        )
        .order_by()
    )
    solves = (
        stretches(scope)
        .filter(stopped_at__gte=start, stopped_at__lt=end)
        .aggregate(tickets=Count("ticket_id", distinct=True), n=Count("id"))
    )
    started = stretches(scope).filter(started_at__gte=start, started_at__lt=end).count()
    first = raw(
        stopped("first_reply", start, end, scope)
        .filter(business_minutes__isnull=False)
        .values_list("business_minutes")
    )
    by_tier: dict[str, int] = {}
    for tier, n, _ in received:
        by_tier[tier or NO_ACCOUNT] = by_tier.get(tier or NO_ACCOUNT, 0) + n
    return WeekCounts(
        by_tier=by_tier,
        answered=sum(a for _, _, a in received),
        solved=solves["tickets"],
        stopped=solves["n"],
        started=started,
        first_replies=[m for (m,) in first],
    )
