"""Customer health's part of the role matrix's world: both accounts scored today (no usage:
red, so each has a "drops below" task) and the default scorecard and rules."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.health import defaults, scores
from sunrelay.health.models import AlertRule, HealthAlert, Scorecard


def add(world, users) -> None:
    objects = world.objects
    defaults.ensure_defaults()
    objects["scorecard"] = Scorecard.objects.order_by("id").first()
    objects["health_measure"] = objects["scorecard"].measures.first()
    objects["alert_rule"] = AlertRule.objects.order_by("id").first()
    own, other = objects["account:own"], objects["account:other"]
    scores.score_all(timezone.now().date(), [own.pk, other.pk])
    for key, account in (("own", own), ("other", other)):
        objects[f"health_alert:{key}"] = HealthAlert.objects.filter(account=account).first()
