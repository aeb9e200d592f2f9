"""The demo's customer health: six months of telemetry, a few accounts sliding into red or
yellow with a task for their CE, and nothing new on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.health.models import DailyUsage, HealthAlert, HealthScore, TelemetryEvent
from tests.demo.conftest import ANCHOR, SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_has_six_months_of_telemetry_and_accounts_sliding():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    days = DailyUsage.objects.values_list("day", flat=True)
    assert (max(days) - min(days)).days == 181
    today = HealthScore.objects.filter(day=ANCHOR.date())
    assert today.count() == 30
    sliding = today.exclude(band="green")
    assert 1 <= sliding.count() <= 10
    alerts = HealthAlert.objects.filter(status="open")
    assert alerts.exists() and all(a.assignee == a.account.ce for a in alerts)
    counts = [TelemetryEvent.objects.count(), HealthScore.objects.count(), alerts.count()]
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    again = [TelemetryEvent.objects.count(), HealthScore.objects.count(), alerts.count()]
    assert again == counts
