"""The report's sections beyond volume and reply times: SLA attainment and breaches,
hand-offs, causes, interesting tickets, growth, the team, trends and coverage."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sunrelay.desk.models import EventKind
from sunrelay.reports import labels, metrics, names, queries, stats, trend_queries
from sunrelay.reports.coverage import on_shift_at
from sunrelay.reports.figures import (
    AgentRow,
    Breach,
    Coverage,
    Handoff,
    Handoffs,
    Interesting,
    RegionLine,
    Route,
    TargetRow,
    TrendPoint,
)
from sunrelay.reports.periods import Week, weeks_ending
from sunrelay.reports.queries import Scope
from sunrelay.sla.models import Policy
from sunrelay.team.roles import WORKING_ROLES

# Lists (breaches, hand-offs, interesting tickets) show at most this many; the count above
# each says how many there were.
LIST_LIMIT = 200
TREND_WEEKS = 12
TOP = 5
METRIC_ORDER = list(labels.METRICS)


def reopened_among(solves, reopened: set[int]) -> set[int]:
    """Tickets solved in the period that had been reopened by its end: solved after a
    reopening (seq >= 1), or reopened after their solve within the period."""
    solved = {s.ticket_id for s in solves}
    return {s.ticket_id for s in solves if s.seq >= 1} | (solved & reopened)


def sla(week: Week, previous: Week, as_of, previous_as_of, scope: Scope) -> dict:
    now = queries.attainment(week.start, week.end, scope)
    before = queries.attainment(previous.start, previous.end, scope)
    policies = dict(Policy.objects.values_list("id", "position"))
    policy_names = dict(Policy.objects.values_list("id", "name"))

    def order(key):
        policy_id, metric, target, _ = key
        rank = METRIC_ORDER.index(metric) if metric in METRIC_ORDER else 99
        return (policies.get(policy_id, 10**6), policy_names.get(policy_id, ""), rank, target)

    rows = []
    for key in sorted(set(now) | set(before), key=order):
        policy_id, metric, target, business = key
        met, total = now.get(key, (0, 0))
        previous_met, previous_total = before.get(key, (0, 0))
        rows.append(
            TargetRow(
                policy=policy_names.get(policy_id, "(policy deleted)"),
                metric=metric,
                target_minutes=target,
                business=business,
                met=met,
                total=total,
                previous_met=previous_met,
                previous_total=previous_total,
                share=stats.ratio(met, total),
                previous_share=stats.ratio(previous_met, previous_total),
            )
        )
    breaches = queries.breaches(week.start, as_of, scope)
    previous_breaches = queries.breaches(previous.start, previous_as_of, scope)
    refs = names.ticket_refs(row[0] for row in breaches[:LIST_LIMIT])
    listed = []
    for row in breaches[:LIST_LIMIT]:
        ticket_id, metric, policy_id, target, business, at, stopped, b, c = queries.breach_details(
            row
        )
        stopped = stopped if stopped is not None and stopped < week.end else None
        elapsed = b if business else c
        listed.append(
            Breach(
                ticket=refs[ticket_id][0],
                metric=metric,
                policy=policy_names.get(policy_id, "(policy deleted)"),
                target_minutes=target,
                business=bool(business),
                breached_at=at,
                stopped_at=stopped,
                late_minutes=elapsed - target if stopped and elapsed is not None else None,
            )
        )
    by_metric = Counter(row[1] for row in breaches)
    return {
        "sla_met": metrics.count(
            sum(m for m, _ in now.values()),
            sum(m for m, _ in before.values()),
            sum(t for _, t in now.values()),
            sum(t for _, t in before.values()),
        ),
        "sla": rows,
        "breaches": metrics.count(len(breaches), len(previous_breaches)),
        "breaches_by_metric": {m: by_metric[m] for m in METRIC_ORDER if by_metric[m]},
        "breach_list": listed,
    }


def handoffs(span, before, scope: Scope, people) -> Handoffs:
    rows = queries.handed_off(*span, scope)
    previous_rows = queries.handed_off(*before, scope)
    regions = labels.region_labels(people.values())

    def side(value) -> tuple[str, str]:
        value = value if isinstance(value, dict) else {}
        person = people.get(value.get("user"))
        zone = value.get("region") or (person.zone if person else "")
        return (person.name if person else "Unknown"), regions.get(zone, labels.zone_city(zone))

    def routes(items) -> Counter:
        return Counter((side(old)[1], side(new)[1]) for _, _, old, new in items)

    now, previous = routes(rows), routes(previous_rows)
    refs = names.ticket_refs(row[0] for row in rows[:LIST_LIMIT])
    items = []
    for ticket_id, at, old, new in rows[:LIST_LIMIT]:
        (from_agent, from_region), (to_agent, to_region) = side(old), side(new)
        items.append(Handoff(refs[ticket_id][0], at, from_agent, from_region, to_agent, to_region))
    return Handoffs(
        count=metrics.count(len(rows), len(previous_rows)),
        routes=[
            Route(a, b, now.get((a, b), 0), previous.get((a, b), 0))
            for a, b in sorted(set(now) | set(previous), key=lambda k: (-now.get(k, 0), k))
        ],
        items=items,
    )


def causes(solves, previous_solves) -> dict:
    def per_ticket(items):
        return {s.ticket_id: s for s in items}

    now, before = per_ticket(solves), per_ticket(previous_solves)
    return {
        "causes": metrics.shares(
            [s.cause for s in now.values()], [s.cause for s in before.values()], labels.CAUSES
        ),
        "bug_linked": metrics.count(
            sum(1 for s in now.values() if s.bug_linked),
            sum(1 for s in before.values() if s.bug_linked),
            len(now),
            len(before),
        ),
    }


def bug_links_added(span, before, scope: Scope):
    def linked(rows) -> int:
        return len({ticket_id for ticket_id, new in rows if new})

    fields = ("ticket_id", "new")
    return metrics.count(
        linked(queries.events(EventKind.BUG_LINK, *span, scope, *fields)),
        linked(queries.events(EventKind.BUG_LINK, *before, scope, *fields)),
    )


def _flagged(span, scope: Scope) -> dict[int, tuple[datetime, int | None]]:
    """Tickets flagged interesting in the period and still flagged: when, by whom."""
    fields = ("ticket_id", "at", "actor_user_id", "new", "ticket__interesting")
    flagged: dict[int, tuple[datetime, int | None]] = {}
    for ticket_id, at, actor, new, still in queries.events(
        EventKind.INTERESTING, *span, scope, *fields
    ):
        if new is True and still:
            flagged[ticket_id] = (at, actor)
    return flagged


def interesting(span, before, scope: Scope) -> dict:
    flagged = _flagged(span, scope)
    chosen = sorted(flagged.items(), key=lambda item: item[1][0])[:LIST_LIMIT]
    refs = names.ticket_refs(ticket_id for ticket_id, _ in chosen)
    flaggers = names.user_names(actor for _, (_, actor) in chosen if actor)
    items = [
        Interesting(
            ticket=refs[ticket_id][0],
            flagged_at=at,
            flagged_by=flaggers.get(actor, "Sunrelay") if actor else "Sunrelay",
            status=refs[ticket_id][1],
            cause=refs[ticket_id][2],
        )
        for ticket_id, (at, actor) in chosen
    ]
    return {
        "interesting": items,
        "interesting_count": metrics.count(len(flagged), len(_flagged(before, scope))),
    }


def growth_tags(span, before, scope: Scope):
    return metrics.growth(
        queries.tag_counts(*span, scope), queries.tag_counts(*before, scope), str, TOP
    )


def growth_accounts(received, previous_received):
    now = Counter(r.account_id for r in received if r.account_id)
    before = Counter(r.account_id for r in previous_received if r.account_id)
    from sunrelay.accounts.models import Account

    rows = metrics.growth(now, before, str, TOP)
    account_names = dict(
        Account.objects.filter(pk__in=[int(r.key) for r in rows]).values_list("id", "name")
    )
    for row in rows:
        row.label = account_names.get(int(row.key), f"Account {row.key}")
    return rows


def team(replies, previous_replies, solves, previous_solves, people) -> list[AgentRow]:
    """Per person: public replies (and the tickets they went to) and tickets solved."""
    regions = labels.region_labels(people.values())
    solved = Counter(a for _, a in {(s.ticket_id, s.solver) for s in solves if s.solver})
    previous_solved = Counter(
        a for _, a in {(s.ticket_id, s.solver) for s in previous_solves if s.solver}
    )
    ids = {
        a
        for a in (*replies.by_agent, *previous_replies.by_agent, *solved, *previous_solved)
        if a is not None
    }
    rows = []
    for user_id in ids:
        person = people.get(user_id)
        sent, tickets = replies.by_agent.get(user_id, (0, 0))
        rows.append(
            AgentRow(
                id=user_id,
                name=person.name if person else f"User {user_id}",
                region=regions.get(person.zone, "") if person else "",
                replies=sent,
                previous_replies=previous_replies.by_agent.get(user_id, (0, 0))[0],
                tickets_replied=tickets,
                solved=solved[user_id],
                previous_solved=previous_solved[user_id],
            )
        )
    rows.sort(key=lambda r: (-r.replies, -r.solved, r.name.lower()))
    return rows


def trend(week: Week, scope: Scope, current, previous) -> list[TrendPoint]:
    """The headline figures for each of the TREND_WEEKS weeks ending with `week`: the last
    two are the report's own figures, the older ones come from a few counts each.

    `current` and `previous` are (received, answered, solves, reopened, backlog, first reply
    rows) of the report's two weeks. The backlog walks back from the report's own through
    the stretches started (received or reopened) and stopped (solved) each week."""
    weeks = weeks_ending(week, TREND_WEEKS)
    counts = [trend_queries.week_counts(w, scope) for w in weeks[:-2]]
    for rows, answered, solves, reopened, _, first_rows in (previous, current):
        counts.append(
            trend_queries.WeekCounts(
                by_tier=dict(Counter(r.tier for r in rows)),
                answered=answered,
                solved=len({s.ticket_id for s in solves}),
                stopped=len(solves),
                started=len(rows) + len(reopened),
                first_replies=[r.business for r in first_rows if r.business is not None],
            )
        )
    backlog = metrics.backlog_series(
        current[4], [c.started for c in counts], [c.stopped for c in counts]
    )
    points = []
    for w, c, left in zip(weeks, counts, backlog, strict=True):
        n, mean, median, _ = stats.distribution(c.first_replies)
        points.append(
            TrendPoint(
                week=w.label,
                start=w.start,
                received=sum(c.by_tier.values()),
                answered=c.answered,
                solved=c.solved,
                backlog=left,
                first_reply_n=n,
                first_reply_mean=mean,
                first_reply_median=median,
                by_tier={k: c.by_tier[k] for k in labels.TIERS if c.by_tier.get(k)},
            )
        )
    return points


def coverage(week: Week, received, scope: Scope) -> Coverage:
    """Arrivals per local hour of the week against the people on shift in each region."""
    from sunrelay.schedule.roster import load_people

    instants = metrics.hour_middles(week.start, week.zone)
    people = [
        p
        for p in load_people()
        if p.roles & WORKING_ROLES
        and p.hours
        and (not scope.region or p.region == scope.region)
        and (scope.agent is None or p.id == scope.agent)
    ]
    by_zone: dict[str, list] = {}
    for person in people:
        by_zone.setdefault(person.region, []).append(person)
    region_names = labels.region_labels(names.staff().values())
    regions = []
    for zone, members in by_zone.items():
        shifts = [on_shift_at(p, instants) for p in members]
        regions.append(
            RegionLine(
                zone=zone,
                label=region_names.get(zone, labels.zone_city(zone)),
                staff=[sum(hour) for hour in zip(*shifts, strict=True)],
            )
        )
    # East to west, as the sun travels.
    regions.sort(key=lambda r: (-_offset(r.zone, week.start), r.label))
    return Coverage(
        zone=week.zone,
        arrivals=metrics.hour_of_week((r.created_at for r in received), week.zone),
        regions=regions,
    )


def _offset(zone: str, at: datetime) -> float:
    from zoneinfo import ZoneInfo

    return at.astimezone(ZoneInfo(zone)).utcoffset().total_seconds()
