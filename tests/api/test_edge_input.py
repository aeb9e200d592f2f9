"""Edge input on every API parameter is a 4xx in JSON, and so is everything else the API
answers: unknown paths, server errors (fault 10). Datetimes are text, never numbers (fault 11)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client

from tests.api.conftest import BASE, locs
from tests.schedule.builders import make_rotation

HUGE = str(2**63)
LONG = "x" * 100_000
FAR = ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
       "9999-12-31T23:59:59"]  # fmt: skip


@pytest.fixture
def as_lead(api_as, lead):
    return api_as(lead)


@pytest.fixture
def rotation(lead):
    return make_rotation("L2", layers=[{"people": [lead]}])


@pytest.mark.parametrize(
    ("path", "param"),
    [("/tickets", "q"), ("/tickets", "tag"), ("/accounts", "q"), ("/contacts", "q"),
     ("/contacts", "email")],
)  # fmt: skip
def test_a_search_text_of_100000_characters_is_refused(as_lead, path, param):
    response = as_lead.get(path, {param: LONG})
    assert response.status_code == 422
    assert locs(response) == [["query", param]]


@pytest.mark.parametrize(
    ("path", "param"),
    [("/tickets", "created_after"), ("/tickets", "created_before"),
     ("/tickets", "updated_after"), ("/schedule/on-shift", "at"),
     ("/schedule/handoffs", "after"), ("/schedule/handoffs", "before"),
     ("/rotations/{rotation}/shifts", "start"), ("/rotations/{rotation}/shifts", "end"),
     ("/rotations/{rotation}/oncall", "at")],
)  # fmt: skip
def test_a_time_near_year_1_or_9999_is_refused(as_lead, rotation, path, param):
    path = path.format(rotation=rotation.pk)
    for value in FAR:
        response = as_lead.get(path, {param: value})
        assert response.status_code == 422, value
        assert locs(response) == [["query", param]]
        assert "between 1970 and 2199" in response.content.decode()


@pytest.mark.parametrize("value", ["1700000000", "0", "-1", "1.5", "1.401298464324817e-45"])
def test_numbers_are_not_read_as_times_since_1970(as_lead, rotation, value):
    assert as_lead.get("/schedule/on-shift", {"at": value}).status_code == 422
    assert as_lead.get("/tickets", {"created_after": value}).status_code == 422


def test_a_number_in_a_body_is_not_a_time(as_lead, lead, rotation):
    response = as_lead.post(
        f"/rotations/{rotation.pk}/overrides",
        {"user_id": lead.pk, "starts_at": 1_700_000_000, "ends_at": "2026-03-02T09:00:00Z"},
    )
    assert response.status_code == 422
    assert locs(response) == [["body", "starts_at"]]


def test_a_far_override_is_refused(as_lead, lead, rotation):
    for value in FAR:
        response = as_lead.post(
            f"/rotations/{rotation.pk}/overrides",
            {"user_id": lead.pk, "starts_at": value, "ends_at": value},
        )
        assert response.status_code == 422, value


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", 20260301])
def test_far_or_numeric_days_are_refused(as_lead, day):
    response = as_lead.post("/team/time-off", {"first_day": day, "last_day": "2026-03-02"})
    assert response.status_code == 422
    assert locs(response) == [["body", "first_day"]]
    assert as_lead.get("/sla/calendars", {"holidays_from": day}).status_code == 422


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52"])
def test_a_week_of_year_1_or_9999_is_refused(as_lead, week):
    for path in ("/schedule/coverage", "/reports/weekly", "/reports/weekly/csv/tickets"):
        response = as_lead.get(path, {"week": week})
        assert response.status_code == 422, path
        assert "between 1970 and 2199" in response.content.decode()


def test_an_agent_past_64_bits_is_refused(as_lead):
    for path in ("/reports/weekly", "/reports/weekly/csv/tickets"):
        response = as_lead.get(path, {"agent": HUGE})
        assert response.status_code == 422
        assert "is not a person's id" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/tickets/1/nope", "/api/v2/tickets"])
def test_an_unknown_api_path_is_a_json_404(as_lead, path):
    response = as_lead.client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_a_server_error_in_the_api_is_json(api_as, lead):
    client = api_as(lead).client
    client.raise_request_exception = False
    with mock.patch("sunrelay.api.staff.page", side_effect=RuntimeError("boom")):
        response = client.get(f"{BASE}/staff")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Internal server error: the team has been told."}


def test_pages_outside_the_api_keep_their_html_404(db):
    response = Client().get("/desk/nope/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_nul_characters_are_refused_not_stored(as_lead, contact):
    # PostgreSQL can neither store nor compare them.
    for path, param in (("/tickets", "q"), ("/accounts", "q"), ("/contacts", "email")):
        response = as_lead.get(path, {param: "abc\x00"})
        assert response.status_code == 422
        assert locs(response) == [["query", param]]
    response = as_lead.post(
        "/tickets", {"subject": "Tiles\u0000", "body": "x", "requester_id": contact.pk}
    )
    assert locs(response) == [["body", "subject"]]
    response = as_lead.post(
        "/tickets",
        {"subject": "Tiles", "body": "x", "requester_id": contact.pk, "tags": ["a\u0000"]},
    )
    assert locs(response) == [["body", "tags"]]


def test_a_method_the_path_does_not_take_is_a_json_405(as_lead):
    response = as_lead.client.put(f"{BASE}/tickets")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET, POST"
    assert response.json() == {"detail": "Method not allowed here; use GET or POST."}


def test_a_body_too_large_or_a_strange_host_is_a_json_400(as_lead):
    client = as_lead.client
    client.raise_request_exception = False
    too_large = client.post(
        f"{BASE}/tickets", b"x" * (3 * 1024 * 1024), content_type="application/json"
    )
    strange_host = client.get(f"{BASE}/tickets", HTTP_HOST="evil.example")
    for response in (too_large, strange_host):
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"].startswith("Bad request")
