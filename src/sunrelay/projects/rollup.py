"""Hours, summed: by person, project, account, week or sprint, against budgets, exact to the minute.

Every figure is an integer number of minutes summed by the database (no floats, no rounding),
so the totals of any grouping add up to the same grand total. Hours are shown with
minutes_hm; a figure comes with its reference (the previous month, the budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet, Sum
from django.db.models.functions import TruncWeek

from sunrelay.accounts.models import Account
from sunrelay.lib.formatting import person as person_name
from sunrelay.projects import sprints
from sunrelay.projects.models import AccountBudget, Project, TimeEntry

BY = ("person", "project", "account", "week", "sprint")
# A budget this full (percent) is worth a warning before it is spent.
NEAR_BUDGET_PERCENT = 80


def minutes_hm(minutes: int | None) -> str:
    """Whole minutes as "0 min", "45 min", "3 h", "12 h 5 min": exact, never rounded."""
    minutes = int(minutes or 0)
    sign, minutes = ("−", -minutes) if minutes < 0 else ("", minutes)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{sign}{rest} min"
    return f"{sign}{hours} h {rest} min" if rest else f"{sign}{hours} h"


def month_span(month: date) -> tuple[date, date]:
    """The first day of `month` and the first day of the next."""
    first = month.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def previous_month(month: date) -> date:
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class Row:
    key: int | str | None  # the person's, project's, account's or sprint's id; the week's Monday
    label: str
    minutes: int
    reference: int = 0  # the same key's minutes in the previous period
    # Minutes: the project's whole budget, the account's months, the sprint's share of its
    # project's budget.
    budget: int | None = None
    spent: int | None = None  # what the budget is held against (projects, sprints: all so far)

    @property
    def over(self) -> bool:
        return self.budget is not None and (self.spent or 0) > self.budget

    @property
    def over_by(self) -> int:
        return max(0, (self.spent or 0) - (self.budget or 0)) if self.over else 0

    @property
    def percent(self) -> int | None:
        """Share of the budget spent, in whole percent (rounded down)."""
        if not self.budget:
            return None
        return (self.spent or 0) * 100 // self.budget


def sums(entries: QuerySet[TimeEntry], by: str) -> dict:
    """{key: minutes} of `entries` grouped by `by` (BY); entries without the key under None."""
    if by not in BY:
        raise ValueError(f"Sum by one of {', '.join(BY)}, not {by!r}.")
    if by == "sprint":
        return sprints.sprint_sums(entries)
    key = TruncWeek("day") if by == "week" else F(f"{by}_id")
    grouped = entries.annotate(k=key).values("k")
    found = grouped.order_by().annotate(total=Sum("minutes")).values_list("k", "total")
    return {_as_day(key): total for key, total in found}


def _as_day(key):
    # TruncWeek of a date is a date on some backends, a datetime on others: always a date.
    return key.date() if isinstance(key, datetime) else key


def total(entries: QuerySet[TimeEntry]) -> int:
    return entries.aggregate(total=Sum("minutes"))["total"] or 0


def _labels(by: str, keys) -> dict:
    ids = [k for k in keys if k is not None]
    if by == "person":
        return {u.pk: person_name(u) for u in get_user_model().objects.filter(pk__in=ids)}
    if by == "project":
        return dict(Project.objects.filter(pk__in=ids).values_list("pk", "name"))
    if by == "account":
        return dict(Account.objects.filter(pk__in=ids).values_list("pk", "name"))
    if by == "sprint":
        return sprints.labels(ids)
    return {k: f"Week of {k:%-d %b %Y}" for k in ids}


def _budgets(by: str, keys, months: int, until: date, now: dict) -> dict:
    """{key: (budget, spent)} for the keys that have a budget."""
    ids = [k for k in keys if k is not None]
    if by == "project":
        found = Project.objects.filter(pk__in=ids, budget_minutes__isnull=False)
        spent = sums(TimeEntry.objects.filter(project__in=ids, day__lt=until), "project")
        # A project's budget is for its whole life: held against all it has taken so far.
        return {p.pk: (p.budget_minutes, spent.get(p.pk, 0)) for p in found}
    if by == "account":
        found = AccountBudget.objects.filter(account__in=ids)
        return {b.account_id: (b.monthly_minutes * months, now.get(b.account_id, 0)) for b in found}
    if by == "sprint":
        # A sprint's share of its project's budget, against all the sprint has taken so far.
        return sprints.sprint_budgets(ids, until)
    return {}


def _none(by: str) -> str:
    return sprints.NOT_IN_A_SPRINT if by == "sprint" else "Not on one"


def report(entries: QuerySet[TimeEntry], by: str, start: date, end: date, reference_start: date):
    """Rows of `entries` from `start` to before `end`, grouped `by`, largest first; each with
    its minutes in [reference_start, start) as reference and its budget where it has one
    (projects: the whole budget against all time so far; accounts: the months' budget against
    the period). The rows' minutes add up to total() of the period, always."""
    now = sums(entries.filter(day__gte=start, day__lt=end), by)
    before = sums(entries.filter(day__gte=reference_start, day__lt=start), by)
    keys = set(now) | set(before)
    labels = _labels(by, keys)
    months = max(1, round((end - start).days / 30))
    budgets = _budgets(by, keys, months, end, now)
    rows = []
    for key in keys:
        budget, spent = budgets.get(key, (None, None))
        label = labels.get(key, _none(by) if key is None else str(key))
        rows.append(Row(key, label, now.get(key, 0), before.get(key, 0), budget, spent))
    rows.sort(key=lambda r: (-r.minutes, r.label))
    return rows


def breakdown(entries: QuerySet[TimeEntry], by: str) -> list[Row]:
    """All of `entries`, grouped `by`, largest first (no reference, no budget)."""
    found = sums(entries, by)
    labels = _labels(by, found)
    rows = [Row(k, labels.get(k, _none(by) if k is None else str(k)), m) for k, m in found.items()]
    return sorted(rows, key=lambda r: (-r.minutes, r.label))


def project_spent(project: Project) -> int:
    return total(TimeEntry.objects.filter(project=project))


def account_month_spent(account_id: int, month: date) -> int:
    first, after = month_span(month)
    return total(TimeEntry.objects.filter(account_id=account_id, day__gte=first, day__lt=after))


def _warning(what: str, spent: int, budget: int) -> str | None:
    if spent > budget:
        return (
            f"{what} is over budget: {minutes_hm(spent)} of {minutes_hm(budget)}, "
            f"{minutes_hm(spent - budget)} over."
        )
    if budget and spent * 100 >= budget * NEAR_BUDGET_PERCENT:
        return (
            f"{what} has used {spent * 100 // budget} % of its budget: "
            f"{minutes_hm(spent)} of {minutes_hm(budget)}."
        )
    return None


def project_warning(project: Project, spent: int | None = None) -> str | None:
    if project.budget_minutes is None:
        return None
    spent = project_spent(project) if spent is None else spent
    return _warning(f"Project {project.name}", spent, project.budget_minutes)


def account_warning(account: Account, month: date) -> str | None:
    budget = AccountBudget.objects.filter(account=account).first()
    if budget is None:
        return None
    spent = account_month_spent(account.pk, month)
    return _warning(f"{account.name} in {month:%B %Y}", spent, budget.monthly_minutes)


def warnings_for(entry: TimeEntry) -> list[str]:
    """The budget warnings after `entry`: its project's, its account's month's."""
    found = []
    if entry.project is not None:
        found.append(project_warning(entry.project))
    if entry.account is not None:
        found.append(account_warning(entry.account, entry.day))
    return [w for w in found if w]
