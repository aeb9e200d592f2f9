"""A lead sets up scorecards, measures and alert rules on the desk's pages
(health/setup_views.py, health/setup.py); nobody else may."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sunrelay.health import defaults, scores, setup
from sunrelay.health.models import AlertRule, HealthScore, Measure, Scorecard
from tests.health.conftest import TODAY, send_usage, week

MEASURE = {
    "label": "Seats used",
    "source": "usage",
    "metric": "seats",
    "window_days": "7",
    "zero_at": "0",
    "full_at": "70",
    "weight": "30",
}


@pytest.fixture
def card(db):
    defaults.ensure_defaults()
    return Scorecard.objects.get(name=defaults.SCORECARD)


def test_a_lead_changes_a_measures_window_thresholds_and_weight(client, lead, card, acme):
    client.force_login(lead)
    api_calls = card.measures.get(label="API calls")
    page = client.get("/desk/health/scorecards/").content.decode()
    assert f'href="/desk/health/scorecards/{card.pk}/"' in page
    assert "/admin/" not in page
    page = client.get(f"/desk/health/measures/{api_calls.pk}/").content.decode()
    assert 'value="5000' in page
    changed = MEASURE | {"label": "API calls", "metric": "api_calls", "full_at": "3500"}
    response = client.post(f"/desk/health/measures/{api_calls.pk}/", changed)
    assert response.status_code == 302
    api_calls.refresh_from_db()
    assert (api_calls.window_days, api_calls.full_at, api_calls.weight) == (7, 3500, 30)
    # The next scoring uses it: 3,500 calls a week are now full points.
    card.measures.exclude(pk=api_calls.pk).delete()
    send_usage(acme, "api_calls", week(TODAY, 500))
    scores.score_all(TODAY)
    assert HealthScore.objects.get(account=acme).shown == 100


def test_a_lead_adds_and_removes_a_measure(client, lead, card):
    client.force_login(lead)
    before = card.measures.count()
    response = client.post(f"/desk/health/scorecards/{card.pk}/measures/new/", MEASURE)
    assert response.status_code == 302
    added = card.measures.last()
    assert (added.label, added.metric, added.position) == ("Seats used", "seats", before)
    assert "Seats used" in client.get(f"/desk/health/scorecards/{card.pk}/").content.decode()
    assert client.post(f"/desk/health/measures/{added.pk}/remove/").status_code == 302
    assert card.measures.count() == before


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"metric": ""}, "metric", "Product usage needs the telemetry metric"),
        ({"metric": "API Calls"}, "metric", "lower-case name"),
        ({"full_at": "0"}, "full_at", "must differ from the value scoring 0"),
        ({"window_days": "400"}, "window_days", "less than or equal to 365"),
        ({"weight": "0"}, "weight", "greater than or equal to 1"),
        ({"zero_at": "lots"}, "zero_at", "Enter a number"),
    ],
)
def test_a_refused_measure_says_why_in_place_and_saves_nothing(
    client, lead, card, changes, field, words
):
    client.force_login(lead)
    before = card.measures.count()
    response = client.post(f"/desk/health/scorecards/{card.pk}/measures/new/", MEASURE | changes)
    assert response.status_code == 422
    form = response.context["form"]
    assert words in " ".join(form.errors[field])
    assert card.measures.count() == before


def test_other_sources_take_no_metric(lead, card):
    measure = Measure(scorecard=card, label="Breaches", source="sla_breaches", metric="x")
    measure.zero_at, measure.full_at = 5, 0
    setup.save_measure(lead, measure)
    measure.refresh_from_db()
    assert measure.metric == ""


def test_a_lead_sets_the_bands_and_green_starts_above_yellow(client, lead, card):
    client.force_login(lead)
    url = f"/desk/health/scorecards/{card.pk}/"
    fields = {"name": "Default", "active": "on", "yellow_from": "60", "green_from": "60"}
    refused = client.post(url, fields)
    assert refused.status_code == 422
    assert "Green must start above yellow" in refused.content.decode()
    assert client.post(url, fields | {"green_from": "80"}).status_code == 302
    card.refresh_from_db()
    assert (card.yellow_from, card.green_from) == (60, 80)
    made = client.post("/desk/health/scorecards/new/", fields | {"name": "default"})
    assert made.status_code == 422 and "already" in made.content.decode()


def test_a_lead_adds_changes_and_switches_off_an_alert_rule(client, lead, card):
    client.force_login(lead)
    response = client.post(
        "/desk/health/rules/new/", {"kind": "falls_by", "threshold": "10", "days": "14"}
    )
    assert response.status_code == 302
    made = AlertRule.objects.get(threshold=10)
    assert str(made) == "falls by 10 in 14 days" and not made.active  # unticked: off
    fields = {"kind": "below", "threshold": "60", "days": "30", "active": "on"}
    assert client.post(f"/desk/health/rules/{made.pk}/", fields).status_code == 302
    made.refresh_from_db()
    assert (str(made), made.active) == ("drops below 60", True)
    refused = client.post(f"/desk/health/rules/{made.pk}/", fields | {"threshold": "101"})
    assert refused.status_code == 422
    page = client.get("/desk/health/scorecards/").content.decode()
    assert "Score drops below 60" in page


def test_only_a_lead_sets_up(client, agent, card):
    client.force_login(agent)
    measure = card.measures.first()
    assert client.get(f"/desk/health/scorecards/{card.pk}/").status_code == 403
    assert client.post(f"/desk/health/measures/{measure.pk}/", MEASURE).status_code == 403
    assert client.post(f"/desk/health/measures/{measure.pk}/remove/").status_code == 403
    assert client.post("/desk/health/rules/new/", {"kind": "below"}).status_code == 403
    assert "/desk/health/rules/" not in client.get("/desk/health/scorecards/").content.decode()
    with pytest.raises(PermissionDenied):
        setup.remove_measure(agent, measure)
    assert Measure.objects.filter(pk=measure.pk).exists()
