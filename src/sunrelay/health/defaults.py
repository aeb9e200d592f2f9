"""The scorecard and alert rules a team starts with; leads change them in the admin.

Each measure: label, source, metric (usage only), window in days, value scoring 0, value
scoring 100, weight. Counts of trouble score 100 at none; usage is measured in the product's
own units (the demo sends api_calls and active_users).
"""

from __future__ import annotations

SCORECARD = "Default"
# Commercial: a renewal within 90 days scores less the nearer it is (0 points on the day, 100
# at 90 days or more); accounts without a renewal date leave it out.
RENEWAL = ("Renewal within 90 days", "renewal", "", 90, 0, 90, 10)
MEASURES = [
    ("API calls", "usage", "api_calls", 7, 0, 5000, 20),
    ("Active users", "usage", "active_users", 30, 0, 300, 15),
    ("SLA breaches", "sla_breaches", "", 30, 5, 0, 15),
    ("Ticket volume against its baseline", "ticket_volume", "", 30, 300, 100, 10),
    ("Reopened tickets", "reopen_rate", "", 30, 50, 0, 5),
    ("Bug-linked tickets", "bug_tickets", "", 30, 5, 0, 5),
    ("Satisfaction", "csat", "", 90, 50, 100, 10),
    ("MRR change", "mrr_change", "", 90, -20, 0, 10),
    RENEWAL,
]
RULES = [("below", 70, 30), ("falls_by", 15, 30)]


def ensure_defaults(scorecard_model=None, measure_model=None, rule_model=None) -> None:
    """Adds the default scorecard and rules when a database has none (a new one, or one
    emptied since its migrations ran); a team's own stay as they are. The migration passes
    its historical models."""
    if scorecard_model is None:
        from sunrelay.health.models import AlertRule as rule_model
        from sunrelay.health.models import Measure as measure_model
        from sunrelay.health.models import Scorecard as scorecard_model
    if not scorecard_model.objects.exists():
        card = scorecard_model.objects.create(name=SCORECARD)
        for position, (label, source, metric, window, zero, full, weight) in enumerate(MEASURES):
            measure_model.objects.create(
                scorecard=card,
                label=label,
                source=source,
                metric=metric,
                window_days=window,
                zero_at=zero,
                full_at=full,
                weight=weight,
                position=position,
            )
    if not rule_model.objects.exists():
        for kind, threshold, days in RULES:
            rule_model.objects.create(kind=kind, threshold=threshold, days=days)


def add_renewal_measure(scorecard_model, measure_model) -> None:
    """Adds the renewal measure to the default scorecard of a database made before it
    existed, last in its order; a scorecard with one already, or renamed, stays as it is."""
    card = scorecard_model.objects.filter(name=SCORECARD).first()
    if card is None or measure_model.objects.filter(scorecard=card, source=RENEWAL[1]).exists():
        return
    label, source, metric, window, zero, full, weight = RENEWAL
    last = measure_model.objects.filter(scorecard=card).order_by("-position").first()
    measure_model.objects.create(
        scorecard=card,
        label=label,
        source=source,
        metric=metric,
        window_days=window,
        zero_at=zero,
        full_at=full,
        weight=weight,
        position=last.position + 1 if last else 0,
    )
