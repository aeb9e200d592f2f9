"""Scoring accounts for a day: the one writer of HealthScore rows (then alerts.raise_for).

Scoring the same day again replaces each account's score of that day in place (its alerts
keep pointing at it). A handful of queries whatever the number of accounts: one per measure,
the accounts' MRR, the day's existing rows, then batched inserts and updates.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.health import alerts, scoring, signals
from sunrelay.health.models import HealthScore, Measure, Scorecard

BATCH = 1000


def current_scorecard() -> Scorecard | None:
    """The scorecard that scores every account: the active one with the lowest id."""
    return Scorecard.objects.filter(active=True).order_by("id").first()


def parts_for(
    measures: list[Measure], found: dict[int, signals.Values], account: int
) -> list[scoring.Part]:
    parts = []
    for m in measures:
        value = signals.value_of(m, found[m.pk], account)
        parts.append(
            scoring.Part(
                measure=m.pk,
                label=m.label,
                source=m.source,
                value=value,
                points=scoring.points(value, m.zero_at, m.full_at),
                weight=m.weight,
                window_days=m.window_days,
            )
        )
    return parts


def score_all(day: date, accounts: Collection[int] | None = None) -> int:
    """Score every account (or those in `accounts`) for `day`, raise the alerts the new
    scores call for; return how many accounts were scored (0 without an active scorecard)."""
    card = current_scorecard()
    if card is None:
        return 0
    measures = list(card.measures.all())
    found = {m.pk: signals.values(m, day, accounts) for m in measures}
    mrr = signals.mrr_of(accounts)
    ids = sorted(mrr) if accounts is None else [a for a in accounts if a in mrr]
    now = timezone.now()
    with transaction.atomic():
        existing = {
            row.account_id: row
            for row in _only(HealthScore.objects.filter(day=day), accounts).only(
                "id", "account_id", "day"
            )
        }
        new, changed, scored = [], [], []
        for account in ids:
            parts = parts_for(measures, found, account)
            score = scoring.overall(parts)
            if score is None:
                continue
            row = existing.get(account) or HealthScore(account_id=account, day=day)
            row.score, row.shown = score, scoring.shown(score)
            row.band = scoring.band(row.shown, card.yellow_from, card.green_from)
            row.parts = [p.as_json() for p in parts]
            row.mrr, row.computed_at = mrr[account] or Decimal(0), now
            (changed if row.pk else new).append(row)
            scored.append(row)
        HealthScore.objects.bulk_create(new, batch_size=BATCH)
        fields = ["score", "shown", "band", "parts", "mrr", "computed_at"]
        HealthScore.objects.bulk_update(changed, fields, batch_size=BATCH)
        alerts.raise_for(scored, day)
    return len(scored)


def _only(queryset, accounts: Collection[int] | None):
    return queryset if accounts is None else queryset.filter(account_id__in=list(accounts))


def score_account(account: Account, day: date) -> HealthScore | None:
    score_all(day, [account.pk])
    return HealthScore.objects.filter(account=account, day=day).first()
