"""The value of each measure for many accounts at once: one aggregate query per measure,
grouped by account, so scoring every account costs a handful of queries, not one per account.

A measure's window is the `window_days` UTC days ending with the day scored (that day
included). Counts default to 0 for an account without rows; rates and comparisons are None
(unknown, left out of the score) when they have nothing to divide by.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from sunrelay.accounts.models import Account
from sunrelay.csat.models import Rating, Survey
from sunrelay.desk.models import EventKind, Status, Ticket, TicketEvent
from sunrelay.health.models import DailyUsage, HealthScore, Measure, Source

# The account's own baseline of ticket volume: the windows of this many days before the window.
BASELINE_DAYS = 180
Values = dict[int, float | None]


def bounds(day: date, window_days: int) -> tuple[datetime, datetime]:
    """The window's first instant and the instant after it, in UTC."""
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    return end - timedelta(days=window_days), end


def _only(queryset: QuerySet, field: str, accounts: Collection[int] | None) -> QuerySet:
    return queryset if accounts is None else queryset.filter(**{f"{field}__in": list(accounts)})


def _grouped(queryset: QuerySet, field: str, **aggregates) -> dict[int, dict]:
    rows = queryset.values(field).order_by().annotate(**aggregates)
    return {row[field]: row for row in rows}


def usage(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    first = day - timedelta(days=measure.window_days - 1)
    rows = _only(
        DailyUsage.objects.filter(metric=measure.metric, day__gte=first, day__lte=day),
        "account_id",
        accounts,
    )
    return {k: v["sum"] for k, v in _grouped(rows, "account_id", sum=Sum("total")).items()}


def ticket_volume(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    """Tickets opened in the window as a percentage of the account's usual number per window
    (the BASELINE_DAYS before it); None without a baseline."""
    start, end = bounds(day, measure.window_days)
    before = start - timedelta(days=BASELINE_DAYS)
    rows = _only(
        Ticket.objects.filter(created_at__gte=before, created_at__lt=end), "account_id", accounts
    )
    counts = _grouped(
        rows.exclude(account=None),
        "account_id",
        now=Count("id", filter=Q(created_at__gte=start)),
        then=Count("id", filter=Q(created_at__lt=start)),
    )
    per_window = BASELINE_DAYS / measure.window_days
    result: Values = {}
    for account, row in counts.items():
        usual = row["then"] / per_window
        result[account] = round(100 * row["now"] / usual, 1) if usual else None
    return result


def _events(kind: str, day: date, window_days: int, accounts) -> QuerySet:
    start, end = bounds(day, window_days)
    found = TicketEvent.objects.filter(kind=kind, at__gte=start, at__lt=end)
    return _only(found, "ticket__account_id", accounts)


def sla_breaches(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    rows = _events(EventKind.SLA_BREACHED, day, measure.window_days, accounts)
    grouped = _grouped(rows, "ticket__account_id", n=Count("id"))
    return {k: float(v["n"]) for k, v in grouped.items() if k is not None}


def reopen_rate(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    """Reopenings (solved → any open status) per solve in the window, in per cent."""
    rows = _events(EventKind.STATUS, day, measure.window_days, accounts)
    grouped = _grouped(
        rows,
        "ticket__account_id",
        solves=Count("id", filter=Q(new=Status.SOLVED)),
        reopens=Count("id", filter=Q(old=Status.SOLVED) & ~Q(new=Status.CLOSED)),
    )
    return {
        k: round(100 * v["reopens"] / v["solves"], 1) if v["solves"] else None
        for k, v in grouped.items()
        if k is not None
    }


def bug_tickets(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    start, end = bounds(day, measure.window_days)
    rows = _only(
        Ticket.objects.filter(created_at__gte=start, created_at__lt=end).exclude(bug_url=""),
        "account_id",
        accounts,
    )
    grouped = _grouped(rows.exclude(account=None), "account_id", n=Count("id"))
    return {k: float(v["n"]) for k, v in grouped.items()}


def csat(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    start, end = bounds(day, measure.window_days)
    rows = _only(
        Survey.objects.filter(rated_at__gte=start, rated_at__lt=end).exclude(rating=""),
        "ticket__account_id",
        accounts,
    )
    grouped = _grouped(
        rows, "ticket__account_id", n=Count("id"), good=Count("id", filter=Q(rating=Rating.GOOD))
    )
    return {k: round(100 * v["good"] / v["n"], 1) for k, v in grouped.items() if k is not None}


def mrr_change(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    """Today's MRR against the MRR recorded with the score `window_days` ago, in per cent."""
    then = _only(
        HealthScore.objects.filter(day=day - timedelta(days=measure.window_days)),
        "account_id",
        accounts,
    )
    earlier = dict(then.values_list("account_id", "mrr"))
    now = dict(_only(Account.objects.all(), "id", accounts).values_list("id", "mrr"))
    return {
        account: round(float(100 * (now[account] - old) / old), 1)
        for account, old in earlier.items()
        if old and account in now
    }


def renewal(measure: Measure, day: date, accounts: Collection[int] | None) -> Values:
    """Days from `day` to the account's renewal date, at most `window_days` (a renewal further
    off is not "within the window" and counts as the window); None without a renewal date or
    with one already past (it says nothing about the next renewal)."""
    rows = _only(Account.objects.filter(renewal_on__gte=day), "id", accounts)
    return {
        account: float(min((renewal_on - day).days, measure.window_days))
        for account, renewal_on in rows.values_list("id", "renewal_on")
    }


COMPUTE = {
    Source.USAGE: usage,
    Source.TICKET_VOLUME: ticket_volume,
    Source.SLA_BREACHES: sla_breaches,
    Source.REOPEN_RATE: reopen_rate,
    Source.BUG_TICKETS: bug_tickets,
    Source.CSAT: csat,
    Source.MRR_CHANGE: mrr_change,
    Source.RENEWAL: renewal,
}
# Sources whose value is a count or a sum: an account without rows has 0, not "unknown".
ZERO_WHEN_ABSENT = frozenset({Source.USAGE, Source.SLA_BREACHES, Source.BUG_TICKETS})


def values(measure: Measure, day: date, accounts: Collection[int] | None = None) -> Values:
    """Each account's value of `measure` on `day` (only those in `accounts` when given);
    accounts missing from the result have 0 (counts) or no value (rates)."""
    return COMPUTE[measure.source](measure, day, accounts)


def value_of(measure: Measure, found: Values, account: int) -> float | None:
    if account in found:
        return found[account]
    return 0.0 if measure.source in ZERO_WHEN_ABSENT else None


def mrr_of(accounts: Collection[int] | None) -> dict[int, Decimal]:
    return dict(_only(Account.objects.all(), "id", accounts).values_list("id", "mrr"))
