"""Scoring every account (health/scores.py), what moved (health/explain.py) and the alerts
(health/alerts.py)."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.health import alerts, defaults, explain, scores
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


def test_a_renewal_within_90_days_scores_less_the_nearer_it_is(acme):
    Measure.objects.exclude(source="renewal").delete()
    acme.renewal_on = TODAY + timedelta(days=30)
    acme.save(update_fields=["renewal_on"])
    far = make_account("Far Co", renewal_on=TODAY + timedelta(days=400))
    lapsed = make_account("Lapsed Co", renewal_on=TODAY - timedelta(days=1))
    scores.score_all(TODAY)
    (part,) = HealthScore.objects.get(account=acme).parts
    assert (part["label"], part["value"], part["points"]) == ("Renewal within 90 days", 30, 33.3)
    assert explain.reading(Part.from_json(part)) == "renews in 30 days"
    (far_part,) = HealthScore.objects.get(account=far).parts
    assert (far_part["value"], far_part["points"]) == (90, 100)
    assert explain.reading(Part.from_json(far_part)) == "no renewal within 90 days"
    # No renewal date ahead: nothing to score on, so no score at all.
    assert not HealthScore.objects.filter(account=lapsed).exists()


def test_what_moved_reads_the_renewal_not_a_percentage():
    before = [Part(9, "Renewal within 90 days", "renewal", 90.0, 100.0, 10, 90)]
    after = [Part(9, "Renewal within 90 days", "renewal", 83.0, 92.2, 10, 90)]
    text = explain.moved(before, after, TODAY - timedelta(days=7), TODAY)
    assert text == ["Renewal within 90 days: renews in 83 days, 100 → 92 points"]


def test_the_migration_adds_the_renewal_measure_to_an_older_default_scorecard(db):
    card = Scorecard.objects.get(name=defaults.SCORECARD)
    card.measures.filter(source="renewal").delete()
    defaults.add_renewal_measure(Scorecard, Measure)
    defaults.add_renewal_measure(Scorecard, Measure)  # once only
    last = card.measures.last()
    assert (last.label, last.window_days, last.zero_at, last.full_at, last.weight) == (
        "Renewal within 90 days", 90, 0, 90, 10,
    )  # fmt: skip
    assert card.measures.filter(source="renewal").count() == 1
    assert card.measures.count() == len(defaults.MEASURES)
