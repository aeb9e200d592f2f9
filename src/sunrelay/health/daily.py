"""The worker's daily scoring: today's scores (UTC day) once, then nothing until tomorrow."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.health.models import HealthScore
from sunrelay.health.scores import score_all


def score_today_once() -> bool:
    """Drain: score every account for today when nobody has yet. Returns False (no more work
    waiting): a day is scored in one go."""
    today = timezone.now().date()
    if not HealthScore.objects.filter(day=today).exists():
        score_all(today)
    return False
