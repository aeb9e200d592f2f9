"""Alert rules on new scores, and the task each raises for the account's customer engineer.

- "Drops below T": raised when a score is below T and the account's score before it was not
  (or there was none). Staying below raises nothing more; recovering and dropping again is a
  new drop.
- "Falls by N in D days": raised when a score is N or more below the account's best score of
  the D days before it, unless this rule already raised one for the account in those D days
  (the same drop).
- The task goes to the account's CE at the time (none: unassigned, still on the at-risk list)
  and stays open until someone marks it done (done_by, done_at).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.health.models import AlertKind, AlertRule, AlertStatus, HealthAlert, HealthScore


def _previous_shown(day: date, accounts: list[int]) -> dict[int, int | None]:
    latest = HealthScore.objects.filter(account=OuterRef("pk"), day__lt=day).order_by("-day")
    rows = Account.objects.filter(pk__in=accounts) if len(accounts) < 500 else Account.objects
    rows = rows.annotate(prev=Subquery(latest.values("shown")[:1]))
    return dict(rows.values_list("pk", "prev"))


def _best_before(day: date, days: int) -> dict[int, int]:
    rows = HealthScore.objects.filter(day__lt=day, day__gte=day - timedelta(days=days))
    return dict(
        rows.values("account_id")
        .order_by()
        .annotate(best=Max("shown"))
        .values_list("account_id", "best")
    )


def _alerted_since(rule: AlertRule, since: date) -> set[int]:
    rows = HealthAlert.objects.filter(rule=rule, score__day__gte=since)
    return set(rows.values_list("account_id", flat=True))


def raise_for(scores: list, day: date) -> list[HealthAlert]:
    """Raise the alerts `scores` (all of `day`: rows with pk (None when just inserted),
    account_id and shown) call for; return them."""
    rules = list(AlertRule.objects.filter(active=True))
    if not rules or not scores:
        return []
    accounts = [s.account_id for s in scores]
    ce_of = (
        dict(Account.objects.filter(pk__in=accounts).values_list("pk", "ce_id"))
        if len(accounts) < 500
        else dict(Account.objects.values_list("pk", "ce_id"))
    )
    already_today = set(
        HealthAlert.objects.filter(score__day=day).values_list("account_id", "rule_id")
    )
    raised = []
    now = timezone.now()
    for rule in rules:
        if rule.kind == AlertKind.BELOW:
            before = _previous_shown(day, accounts)
            for s in scores:
                prev = before.get(s.account_id)
                if s.shown < rule.threshold and (prev is None or prev >= rule.threshold):
                    was = "" if prev is None else f" (was {prev})"
                    text = (
                        f"Health dropped below {rule.threshold}: {s.shown} on {day:%-d %b %Y}{was}."
                    )
                    raised.append(_alert(rule, s, ce_of, text, now))
        else:
            best = _best_before(day, rule.days)
            recent = _alerted_since(rule, day - timedelta(days=rule.days))
            for s in scores:
                top = best.get(s.account_id)
                if (
                    top is not None
                    and top - s.shown >= rule.threshold
                    and s.account_id not in recent
                ):
                    text = (
                        f"Health fell by {top - s.shown} in {rule.days} days: "
                        f"{top} → {s.shown} on {day:%-d %b %Y}."
                    )
                    raised.append(_alert(rule, s, ce_of, text, now))
    raised = [a for a in raised if (a.account_id, a.rule_id) not in already_today]
    # New scores come without their pk (scores._insert): look up the few alerted.
    missing = [a.account_id for a in raised if a.score_id is None]
    if missing:
        ids = dict(
            HealthScore.objects.filter(day=day, account_id__in=missing).values_list(
                "account_id", "pk"
            )
        )
        for alert in raised:
            alert.score_id = alert.score_id or ids[alert.account_id]
    return HealthAlert.objects.bulk_create(raised, batch_size=1000)


def _alert(rule, score, ce_of, text, now) -> HealthAlert:
    return HealthAlert(
        account_id=score.account_id,
        rule=rule,
        score_id=score.pk,
        assignee_id=ce_of.get(score.account_id),
        text=text,
        created_at=now,
    )


def mark_done(alert: HealthAlert, user) -> HealthAlert:
    """Close the task; the caller has checked access.check_can_close."""
    if alert.status == AlertStatus.DONE:
        return alert
    if user is None:
        raise PermissionDenied("Someone must close the task.")
    alert.status, alert.done_at, alert.done_by = AlertStatus.DONE, timezone.now(), user
    alert.save(update_fields=["status", "done_at", "done_by"])
    return alert
