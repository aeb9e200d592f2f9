"""The weekly report's "feedback themes" section: the product feedback themes that got more
new items in the report's week than in the week before (the reference), each with the
population behind it (feedback.ranking counts it; this module only picks the report's weeks).

The report is read by leads and mailed to them, who see every item: nothing is narrowed by
viewer. The tier filter applies to the items' accounts; region and agent select tickets and
do not apply to feedback."""

from __future__ import annotations

from sunrelay.feedback import ranking
from sunrelay.feedback.models import FeedbackItem
from sunrelay.reports.figures import FeedbackThemeRow
from sunrelay.reports.periods import Week
from sunrelay.reports.queries import NO_ACCOUNT, Scope


def grew(week: Week, previous: Week, scope: Scope) -> list[FeedbackThemeRow]:
    items = FeedbackItem.objects.all()
    if scope.tier == NO_ACCOUNT:
        items = items.filter(account__isnull=True)
    elif scope.tier:
        items = items.filter(account__tier=scope.tier)
    return [
        FeedbackThemeRow(
            theme_id=g.ranked.theme.pk,
            name=g.ranked.theme.name,
            status=g.ranked.theme.get_status_display(),
            value=g.this_week,
            previous=g.week_before,
            change=g.change,
            items=g.ranked.items,
            accounts=g.ranked.accounts,
            contacts=g.ranked.contacts,
            mrr=g.ranked.mrr,
            enterprise=g.ranked.enterprise,
            population=g.ranked.population,
        )
        for g in ranking.grew_in_week(items, week.start, week.end, previous.start)
    ]
