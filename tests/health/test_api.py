"""/accounts/{id}/health, /health/scorecards and /telemetry (api/health.py)."""

from __future__ import annotations

from django.utils import timezone

from sunrelay.health import scores
from tests.health.conftest import send_usage, week


def test_an_accounts_health_explains_its_score(client, acme, lead):
    today = timezone.now().date()
    send_usage(acme, "api_calls", week(today, 100))
    scores.score_all(today)
    client.force_login(lead)
    body = client.get(f"/api/v1/accounts/{acme.pk}/health").json()
    assert body["band"] == "red" and body["shown"] == round(body["score"])
    calls = next(p for p in body["parts"] if p["label"] == "API calls")
    assert (calls["value"], calls["points"], calls["weight"]) == (700.0, 14.0, 20)
    assert calls["reading"] == "700 in the last 7 days"
    assert body["open_alerts"][0]["text"].startswith("Health dropped below 70")


def test_telemetry_is_idempotent_on_the_key_and_reports_rejects(client, acme, agent):
    client.force_login(agent)
    readings = [
        {"key": "a1", "account_id": acme.pk, "metric": "api_calls", "value": 5,
         "at": "2026-12-07T09:00:00Z"},
        {"key": "a2", "account_id": 999999, "metric": "api_calls", "value": 5,
         "at": "2026-12-07T09:00:00Z"},
    ]  # fmt: skip
    first = client.post("/api/v1/telemetry", {"readings": readings}, "application/json").json()
    again = client.post("/api/v1/telemetry", {"readings": readings}, "application/json").json()
    assert (first["created"], first["duplicates"]) == (1, 0)
    assert (again["created"], again["duplicates"]) == (0, 1)
    assert first["rejected"] == [{"index": 1, "reason": "No account has the id 999999."}]


def test_sales_may_not_send_telemetry(client, sales):
    client.force_login(sales)
    response = client.post("/api/v1/telemetry", {"readings": []}, "application/json")
    assert response.status_code == 422  # an empty list is refused before anything else
    one = [{"key": "k", "account_id": 1, "metric": "m", "value": 1, "at": "2026-12-07T09:00:00Z"}]
    response = client.post("/api/v1/telemetry", {"readings": one}, "application/json")
    assert response.status_code == 403


def test_the_scorecards_list_their_measures(client, agent):
    client.force_login(agent)
    cards = client.get("/api/v1/health/scorecards").json()
    assert cards[0]["name"] == "Default"
    assert [m["weight"] for m in cards[0]["measures"]][:2] == [20, 15]
