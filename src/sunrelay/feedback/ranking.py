"""The numbers behind each theme, always with their population: accounts and contacts asking,
total and median MRR behind it, the tier mix, importance-weighted demand, new items per week
and the optional RICE score.

Everything is counted over the items the viewer may see (feedback.access): sales get the part
of their accounts. Two queries whatever the number of themes: the themes and their items."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from statistics import median

from sunrelay.accounts.models import Tier
from sunrelay.feedback import access
from sunrelay.feedback.models import WEIGHTS, Theme

WEEK = timedelta(days=7)
WEEKS_SHOWN = 8


@dataclass
class Ranked:
    theme: Theme
    items: int = 0
    accounts: int = 0
    contacts: int = 0
    mrr: Decimal = Decimal(0)
    median_mrr: Decimal = Decimal(0)
    tiers: dict[str, int] = field(default_factory=dict)
    demand: int = 0  # items weighted by importance (nice 1, important 2, critical 3)
    weekly: list[int] = field(default_factory=list)  # new items per week, oldest first

    @property
    def this_week(self) -> int:
        return self.weekly[-1] if self.weekly else 0

    @property
    def week_before(self) -> int:
        return self.weekly[-2] if len(self.weekly) > 1 else 0

    @property
    def grew(self) -> bool:
        return self.this_week > self.week_before

    @property
    def enterprise(self) -> int:
        return self.tiers.get(Tier.ENTERPRISE.label, 0)

    @property
    def rice(self) -> float | None:
        t = self.theme
        if None in (t.reach, t.impact, t.confidence, t.effort) or not t.effort:
            return None
        return round(t.reach * float(t.impact) * t.confidence / 100 / float(t.effort), 1)

    @property
    def population(self) -> str:
        """ "14 accounts, $48,200 MRR, 9 of them Enterprise"."""
        accounts = f"{self.accounts} account{'' if self.accounts == 1 else 's'}"
        return f"{accounts}, ${self.mrr:,.0f} MRR, {self.enterprise} of them Enterprise"

    @property
    def tier_mix(self) -> str:
        return ", ".join(f"{count} {tier}" for tier, count in self.tiers.items()) or "none"


def rank(user, now: datetime, themes=None) -> list[Ranked]:
    """Every theme the viewer sees with its numbers, highest weighted demand first."""
    themes = themes if themes is not None else access.visible_themes(user)
    return rank_items(access.visible_items(user), themes, now)


def rank_items(items, themes, now: datetime) -> list[Ranked]:
    """`themes` with their numbers counted over `items` (a FeedbackItem queryset the caller
    has already narrowed to what its reader may see), highest weighted demand first."""
    themes = list(themes.select_related("product_area"))
    ranked = {theme.pk: Ranked(theme, weekly=[0] * WEEKS_SHOWN) for theme in themes}
    rows = items.filter(theme__in=themes).values_list(
        "theme_id",
        "account_id",
        "account__mrr",
        "account__tier",
        "contact_id",
        "importance",
        "created_at",
    )
    accounts: dict[int, dict[int, tuple[Decimal, str]]] = {pk: {} for pk in ranked}
    contacts: dict[int, set[int]] = {pk: set() for pk in ranked}
    start = now - WEEK * WEEKS_SHOWN
    for theme_pk, account_pk, mrr, tier, contact_pk, importance, created in rows:
        row = ranked[theme_pk]
        row.items += 1
        row.demand += WEIGHTS.get(importance, 1)
        if account_pk is not None:
            accounts[theme_pk][account_pk] = (mrr or Decimal(0), tier)
        if contact_pk is not None:
            contacts[theme_pk].add(contact_pk)
        if start <= created <= now:
            row.weekly[min(int((created - start) / WEEK), WEEKS_SHOWN - 1)] += 1
    labels = dict(Tier.choices)
    for pk, row in ranked.items():
        values = list(accounts[pk].values())
        row.accounts, row.contacts = len(values), len(contacts[pk])
        row.mrr = sum((mrr for mrr, _ in values), Decimal(0))
        row.median_mrr = Decimal(median([mrr for mrr, _ in values])) if values else Decimal(0)
        tiers = Counter(labels.get(tier, tier) for _, tier in values)
        row.tiers = dict(sorted(tiers.items(), key=lambda kv: (-kv[1], kv[0])))
    return sorted(ranked.values(), key=lambda r: (-r.demand, -r.mrr, r.theme.name))


def growing(user, now: datetime) -> list[Ranked]:
    """Themes with more new items in the last 7 days than in the 7 before (the reference)."""
    rows = [r for r in rank(user, now) if r.grew]
    return sorted(rows, key=lambda r: (-(r.this_week - r.week_before), -r.demand, r.theme.name))


@dataclass
class WeekGrowth:
    """A theme with more new items in a week than in the week before it (the reference),
    and its numbers over all the items counted (`ranked.population`)."""

    ranked: Ranked
    this_week: int
    week_before: int

    @property
    def change(self) -> int:
        return self.this_week - self.week_before


def grew_in_week(items, start: datetime, end: datetime, previous_start: datetime):
    """Themes with more new items in [start, end) than in [previous_start, start), the most
    growth first, counted over `items` (already narrowed to what the reader may see).
    Three queries whatever the number of themes."""
    created = items.filter(
        theme__isnull=False, created_at__gte=previous_start, created_at__lt=end
    ).values_list("theme_id", "created_at")
    now_, before = Counter(), Counter()
    for theme_pk, at in created:
        (now_ if at >= start else before)[theme_pk] += 1
    grew = [pk for pk, n in now_.items() if n > before[pk]]
    if not grew:
        return []
    rows = rank_items(items, Theme.objects.filter(pk__in=grew), end)
    found = [WeekGrowth(row, now_[row.theme.pk], before[row.theme.pk]) for row in rows]
    return sorted(
        found, key=lambda g: (-g.change, -g.this_week, -g.ranked.demand, g.ranked.theme.name)
    )
