from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sunrelay.api.tokens import create_token, revoke_token
from tests.api.conftest import BASE, ApiClient

ENDPOINTS = [
    "/tickets",
    "/tickets/1",
    "/tickets/1/messages",
    "/tickets/1/events",
    "/accounts",
    "/accounts/1",
    "/contacts",
    "/contacts/1",
    "/staff",
    "/staff/1",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_answers_401_without_credentials(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_answers_401_to_writes_without_credentials(anonymous, ticket):
    assert anonymous.post("/tickets", {"subject": "x"}).status_code == 401
    assert anonymous.patch(f"/tickets/{ticket.pk}", {"priority": "high"}).status_code == 401


@pytest.mark.parametrize("token", ["sr_not-a-real-token", "nonsense", "sr_"])
def test_it_answers_401_to_an_unknown_token(db, token):
    assert ApiClient(token).get("/tickets").status_code == 401


def test_it_answers_401_not_a_csrf_error_to_a_bad_token_on_a_write(db):
    response = ApiClient("sr_not-a-real-token").post("/tickets", {"subject": "x"})
    assert response.status_code == 401


def test_it_answers_401_to_a_revoked_token(agent):
    token, raw = create_token(agent)
    assert ApiClient(raw).get("/tickets").status_code == 200
    revoke_token(token.prefix)
    assert ApiClient(raw).get("/tickets").status_code == 401


def test_it_answers_401_to_the_token_of_an_inactive_user(agent):
    _token, raw = create_token(agent)
    agent.is_active = False
    agent.save()
    assert ApiClient(raw).get("/tickets").status_code == 401


def test_it_ignores_other_authorization_schemes(agent):
    _token, raw = create_token(agent)
    client = Client(headers={"Authorization": f"Token {raw}"})
    assert client.get(f"{BASE}/tickets").status_code == 401


def test_it_accepts_the_bearer_scheme_in_any_case(agent):
    _token, raw = create_token(agent)
    client = Client(headers={"Authorization": f"bearer {raw}"})
    assert client.get(f"{BASE}/tickets").status_code == 200


def test_it_records_last_use_at_most_once_a_minute(agent):
    token, raw = create_token(agent)
    client = ApiClient(raw)
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.get("/tickets")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        client.get("/tickets")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        client.get("/tickets")
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=61)


def test_it_writes_nothing_for_a_request_within_the_minute(agent):
    _token, raw = create_token(agent)
    client = ApiClient(raw)
    client.get("/staff")  # records the first use
    with CaptureQueriesContext(connection) as queries:
        client.get("/staff")
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]


def test_it_accepts_a_logged_in_browser_session(agent, ticket):
    client = Client()
    client.force_login(agent)
    response = client.get(f"{BASE}/tickets/{ticket.pk}")
    assert response.status_code == 200


def test_it_requires_the_csrf_token_on_session_writes(agent, ticket):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    url = f"{BASE}/tickets/{ticket.pk}"
    refused = client.patch(url, {"priority": "high"}, content_type="application/json")
    assert refused.status_code == 403

    secret = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    accepted = client.patch(
        url, {"priority": "high"}, content_type="application/json", headers={"X-CSRFToken": secret}
    )
    assert accepted.status_code == 200
    assert accepted.json()["priority"] == "high"


def test_it_needs_no_csrf_token_with_a_bearer_token(agent, ticket):
    _token, raw = create_token(agent)
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})
    response = client.patch(
        f"{BASE}/tickets/{ticket.pk}", {"priority": "high"}, content_type="application/json"
    )
    assert response.status_code == 200


def test_it_never_logs_a_token(agent, caplog, settings):
    settings.DEBUG = True  # ninja's own bearer parsing logs odd headers in DEBUG
    _token, raw = create_token(agent)
    with caplog.at_level("DEBUG"):
        for header in (f"Token {raw}", f"Bearer {raw}", f"Bearer {raw}x", raw):
            Client(headers={"Authorization": header}).get(f"{BASE}/tickets")
    assert raw not in caplog.text
