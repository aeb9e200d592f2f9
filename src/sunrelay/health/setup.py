"""Leads set up scorecards, their measures and the alert rules here (the desk's pages call
these; no admin needed). Every write checks access.check_can_set_up, the models' own
validators, and the rules that tie fields together:

- a scorecard's green band starts above its yellow band;
- a product usage measure names a telemetry metric (as telemetry.py accepts them); other
  sources take none (cleared);
- a measure's value scoring 0 and value scoring 100 differ (else no value maps between them);
- a "falls by" rule counts its days; "drops below" ignores them.

Scores already made keep their parts as they were; the next scoring uses the new set-up.
Rules are switched off, never deleted (their tasks would go with them); a measure may be
removed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from sunrelay.health import access, telemetry
from sunrelay.health.models import AlertRule, Measure, Scorecard, Source


def _validated(row, errors: dict[str, list[str]]) -> None:
    try:
        row.full_clean(exclude=["scorecard"], validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def save_scorecard(user, card: Scorecard) -> Scorecard:
    """Create or change a scorecard (name, active, where yellow and green start)."""
    access.check_can_set_up(user)
    card.name = (card.name or "").strip()
    errors: dict[str, list[str]] = {}
    if card.yellow_from and card.green_from and card.green_from <= card.yellow_from:
        errors["green_from"] = [
            f"Green must start above yellow (yellow starts at {card.yellow_from})."
        ]
    taken = Scorecard.objects.filter(name__iexact=card.name).exclude(pk=card.pk)
    if card.name and taken.exists():
        errors["name"] = [f"There is a scorecard called “{card.name}” already."]
    _validated(card, errors)
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError:
        raise ValidationError({"name": "Another scorecard took this name; try again."}) from None
    return card


def save_measure(user, measure: Measure) -> Measure:
    """Create or change one of a scorecard's measures; a new one goes last."""
    access.check_can_set_up(user)
    measure.label = (measure.label or "").strip()
    measure.metric = (measure.metric or "").strip()
    errors: dict[str, list[str]] = {}
    if measure.source == Source.USAGE:
        if not telemetry.METRIC.match(measure.metric):
            errors["metric"] = [
                "Product usage needs the telemetry metric it sums: a lower-case name such as "
                "api_calls (letters, digits, dots, dashes, underscores)."
            ]
    else:
        measure.metric = ""
    if measure.zero_at is not None and measure.zero_at == measure.full_at:
        errors["full_at"] = ["The value scoring 100 must differ from the value scoring 0."]
    _validated(measure, errors)
    with transaction.atomic():
        if measure.pk is None:
            last = Measure.objects.filter(scorecard=measure.scorecard).aggregate(n=Max("position"))
            measure.position = (last["n"] or 0) + 1
        measure.save()
    return measure


def remove_measure(user, measure: Measure) -> None:
    """Take a measure off its scorecard (scores already made keep it in their parts)."""
    access.check_can_set_up(user)
    measure.delete()


def save_rule(user, rule: AlertRule) -> AlertRule:
    """Create or change an alert rule, or switch it off or on."""
    access.check_can_set_up(user)
    _validated(rule, {})
    rule.save()
    return rule
