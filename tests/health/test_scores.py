"""Scoring every account (health/scores.py), what moved (health/explain.py) and the alerts
(health/alerts.py)."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.health import alerts, explain, scores
from sunrelay.health.models import AlertStatus, HealthAlert, HealthScore, Measure, Scorecard
from sunrelay.health.scoring import Part
from tests.factories import make_account
from tests.health.conftest import TODAY, send_usage, week


def only_api_calls():
    """A scorecard of one measure: API calls over 7 days, 0 → 0 points, 5,000 → 100."""
    Scorecard.objects.all().delete()
    card = Scorecard.objects.create(name="Usage only")
    Measure.objects.create(
        scorecard=card, label="API calls", source="usage", metric="api_calls",
        window_days=7, zero_at=0, full_at=5000, weight=20,
    )  # fmt: skip
    return card


def test_it_scores_an_account_with_every_measure_explained(acme):
    send_usage(acme, "api_calls", week(TODAY, 500))  # 3,500 a week: 70 points
    scores.score_all(TODAY)
    row = HealthScore.objects.get(account=acme, day=TODAY)
    parts = {p["label"]: p for p in row.parts}
    assert parts["API calls"]["value"] == 3500.0
    assert parts["API calls"]["points"] == 70.0
    assert parts["SLA breaches"]["points"] == 100.0  # none
    assert parts["Satisfaction"]["value"] is None  # no ratings: left out
    # 70×20 + 0×15 (no active users) + 100×15 (breaches) + 100×5 (bugs), over weights 55:
    # ticket volume, reopenings, satisfaction and MRR change have no value yet.
    assert str(row.score) == "61.8" and row.shown == 62 and row.band == "yellow"


def test_scoring_costs_the_same_queries_for_3_or_30_accounts(acme):
    for n in range(2):
        make_account(f"Small {n}")
    with CaptureQueriesContext(connection) as few:
        assert scores.score_all(TODAY) == 3
    for n in range(27):
        make_account(f"More {n}")
    with CaptureQueriesContext(connection) as many:
        assert scores.score_all(TODAY - timedelta(days=1)) == 30
    assert len(many) == len(few)


def test_rescoring_a_day_replaces_its_score_in_place(acme):
    only_api_calls()
    scores.score_all(TODAY)
    send_usage(acme, "api_calls", {TODAY: 5000})
    scores.score_all(TODAY)
    assert HealthScore.objects.filter(account=acme).count() == 1
    assert HealthScore.objects.get(account=acme).shown == 100


def test_what_moved_says_it_in_words_with_numbers():
    before = [Part(1, "API calls", "usage", 62.0, 62.0, 20, 7)]
    after = [Part(1, "API calls", "usage", 38.44, 31.0, 20, 7)]
    text = explain.moved(before, after, TODAY - timedelta(days=7), TODAY)
    assert text == ["API calls fell 38 % week over week, 62 → 31 points"]
    breaches = Part(2, "SLA breaches", "sla_breaches", 2.0, 60.0, 15, 30)
    assert explain.reading(breaches) == "2 SLA breaches in 30 days"


def test_a_drop_below_70_raises_one_task_for_the_ce_not_one_a_day(acme, cora):
    only_api_calls()
    send_usage(acme, "api_calls", week(TODAY - timedelta(days=7), 600))  # 4,200: 84
    scores.score_all(TODAY - timedelta(days=7))
    send_usage(acme, "api_calls", week(TODAY, 300))  # 2,100: 42
    scores.score_all(TODAY)
    scores.score_all(TODAY + timedelta(days=1))  # still low: the same drop
    texts = list(HealthAlert.objects.values_list("text", "assignee"))
    assert ("Health dropped below 70: 42 on 7 Dec 2026 (was 84).", cora.pk) in texts
    assert ("Health fell by 42 in 30 days: 84 → 42 on 7 Dec 2026.", cora.pk) in texts
    assert len(texts) == 2


def test_the_ce_closes_the_task(acme, cora):
    only_api_calls()
    scores.score_all(TODAY)
    alert = HealthAlert.objects.get(account=acme)
    alerts.mark_done(alert, cora)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DONE and alert.done_by == cora
